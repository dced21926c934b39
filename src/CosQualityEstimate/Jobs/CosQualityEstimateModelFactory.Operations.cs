using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

// Builders for what the client returns around jobs: pages, lookups, operations and outcomes.
public static partial class CosQualityEstimateModelFactory
{
    /// <summary>Builds a <see cref="Jobs.JobsPage"/>.</summary>
    /// <param name="jobs">The jobs on the page.</param>
    /// <param name="continuationToken">The next page's token; <c>null</c> on the last page.</param>
    /// <param name="requestId">The request id.</param>
    /// <returns>The page.</returns>
    public static JobsPage JobsPage(IEnumerable<JobDetail>? jobs = null, string? continuationToken = null, string? requestId = null) =>
        new(List(jobs), continuationToken, requestId);

    /// <summary>Builds a <see cref="Jobs.JobsLookupResult"/>.</summary>
    /// <param name="jobs">The jobs found.</param>
    /// <param name="nonExistentJobIds">The ids the service does not know.</param>
    /// <param name="requestIds">The request ids, one per request.</param>
    /// <returns>The lookup result.</returns>
    public static JobsLookupResult JobsLookupResult(IEnumerable<JobDetail>? jobs = null, IEnumerable<string>? nonExistentJobIds = null, IEnumerable<string>? requestIds = null) =>
        new(List(jobs), List(nonExistentJobIds), List(requestIds));

    /// <summary>
    /// Builds a <see cref="Jobs.QualityEstimateOperation"/> for <paramref name="job"/> without a client: <c>Id</c>,
    /// <c>LastKnownJob</c>, <c>HasCompleted</c>, <c>HasValue</c> and <c>Value</c> answer from the job, and
    /// <c>WaitForCompletionAsync</c> returns at once when the job has completed. Calls that need the service
    /// (<c>UpdateStatusAsync</c>, <c>CancelAsync</c>, waiting on an unfinished job) throw <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="job">The job, normally completed (for example built with <see cref="JobDetail"/>).</param>
    /// <returns>The operation.</returns>
    public static QualityEstimateOperation QualityEstimateOperation(JobDetail job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new QualityEstimateOperation(job);
    }

    /// <summary>Builds a <see cref="Jobs.QualityEstimateOutcome"/> for a succeeded job.</summary>
    /// <param name="job">The succeeded job.</param>
    /// <returns>The outcome.</returns>
    public static QualityEstimateOutcome QualityEstimateOutcome(JobDetail job) => new(job);
}
