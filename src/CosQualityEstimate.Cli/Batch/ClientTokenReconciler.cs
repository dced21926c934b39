using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Finds the job a submit with a given client token created, if any — across processes (the journal keeps the token):
/// the library's <see cref="JobsClient.FindJobByClientTokenAsync"/> with a look-back for clock differences.
/// </summary>
internal sealed class ClientTokenReconciler
{
    /// <summary>How far before the token was journaled the look-up starts (clock skew between this machine and the service).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromMinutes(15);

    private readonly JobsClient _client;

    public ClientTokenReconciler(JobsClient client) => _client = client;

    /// <summary>The job created by the submit carrying <paramref name="clientToken"/>, or <see langword="null"/> when there is none.</summary>
    /// <exception cref="CosException">The look-up itself failed: the outcome stays unknown, nothing may be resent.</exception>
    public Task<JobDetail?> FindAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken) =>
        _client.FindJobByClientTokenAsync(objectKey, clientToken, since - Lookback, cancellationToken);
}
