using CosQualityEstimate.Http;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// The look of a job submit (<see cref="VerifyByLookup"/>): the input object's QualityEstimate jobs created since a time
/// (newest first, 100 per page) whose <see cref="JobDetail.ClientToken"/> is the submit's. Calls the client's internal
/// get and list paths, never its public virtual ones, so a subclass or mock cannot change how a submit is reconciled.
/// </summary>
internal sealed class SubmitLookup : CreateLookup<JobDetail>
{
    private readonly JobsClient _client;
    private readonly string _objectKey;
    private readonly string? _token;

    internal SubmitLookup(JobsClient client, string objectKey, string? token)
    {
        _client = client;
        _objectKey = objectKey;
        _token = token;
    }

    internal override string Noun => "job";

    internal override string KeyName => "client token";

    internal override string LookActivity => "JobsClient.ReconcileLookup";

    /// <summary>Without a client token no job can be told to be this submit's.</summary>
    internal override bool CanLook => _token is not null;

    internal override Task<JobDetail> GetByIdAsync(string id, CancellationToken cancellationToken) => _client.GetJobCoreAsync(id, cancellationToken);

    internal override async Task<Page<JobDetail>> GetCandidatesPageAsync(DateTimeOffset? since, string? continuationToken, CancellationToken cancellationToken)
    {
        var filters = new ListJobsOptions
        {
            InputObject = _objectKey,
            StartCreationTime = since,
            PageSize = ListJobsOptions.MaxPageSize,
            Order = JobSortOrder.Descending,
        };
        return await _client.GetJobsPageCoreAsync(filters, continuationToken, cancellationToken).ConfigureAwait(false);
    }

    internal override bool IsThisCreate(JobDetail candidate) => string.Equals(candidate.ClientToken, _token, StringComparison.Ordinal);

    internal override SubmitOutcomeUnknownException Unknown(string reason, Exception innerException, bool probablyCreated) =>
        new(_objectKey, _token, reason, innerException) { ProbablyCreated = probablyCreated };

    internal override void OnLooking(string reason, int resend) => Log.SubmitReconciling(_client.Logger, reason, resend + 1);

    internal override void OnFound(JobDetail found)
    {
        Log.SubmitReconciled(_client.Logger, found.JobId);
        CosDiagnostics.JobsSubmitted.Add(1);
    }
}
