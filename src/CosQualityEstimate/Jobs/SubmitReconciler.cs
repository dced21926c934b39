using CosQualityEstimate.Http;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Finds the job an ambiguous submit may have created, by the client token it carried in UserData: lists the input
/// object's recent QualityEstimate jobs and matches <see cref="JobDetail.ClientToken"/>.
/// </summary>
internal sealed class SubmitReconciler
{
    /// <summary>How far back reconciliation looks for a job created by an ambiguous submit (covers clock differences).</summary>
    internal static readonly TimeSpan Lookback = TimeSpan.FromMinutes(15);

    /// <summary>Most listing pages one look reads.</summary>
    private const int MaxPages = 10;

    private readonly JobsClient _client;
    private readonly CosRetryOptions _retry;
    private readonly TimeProvider _time;

    internal SubmitReconciler(JobsClient client, CosRetryOptions retry, TimeProvider time)
    {
        _client = client;
        _retry = retry;
        _time = time;
    }

    /// <summary>
    /// Looks for a job carrying <paramref name="token"/> among the object's jobs created since <paramref name="since"/>,
    /// <see cref="CosRetryOptions.ReconcileAttempts"/> times spaced by <see cref="CosRetryOptions.ReconcileDelay"/>
    /// (an in-flight submit may still be creating it). Returns <c>null</c> only when every look found none.
    /// </summary>
    internal async Task<JobDetail?> FindAsync(string objectKey, string token, DateTimeOffset since, string reason, Exception failure, CancellationToken cancellationToken)
    {
        var filters = new ListJobsOptions
        {
            InputObject = objectKey,
            StartCreationTime = since,
            PageSize = ListJobsOptions.MaxPageSize,
            Order = JobSortOrder.Descending,
        };

        for (var attempt = 0; attempt < _retry.ReconcileAttempts; attempt++)
        {
            if (attempt > 0 && _retry.ReconcileDelay > TimeSpan.Zero)
            {
                await Task.Delay(_retry.ReconcileDelay, _time, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                string? continuation = null;
                for (var page = 0; page < MaxPages; page++)
                {
                    var jobs = await _client.GetJobsPageAsync(filters, continuation, cancellationToken).ConfigureAwait(false);
                    foreach (var job in jobs.Jobs)
                    {
                        if (string.Equals(job.ClientToken, token, StringComparison.Ordinal))
                        {
                            return job;
                        }
                    }

                    continuation = jobs.ContinuationToken;
                    if (continuation is null)
                    {
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new SubmitOutcomeUnknownException(objectKey, token, reason + " Looking the job up failed too: " + ResilienceRules.Describe(ex) + ".", new AggregateException(failure, ex));
            }
        }

        return null;
    }
}
