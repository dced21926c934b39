using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>Result of looking up several jobs by id: those found, and those the service reported as non-existent.</summary>
public sealed class JobsLookupResult
{
    /// <summary>Creates a result (also for tests and mocks).</summary>
    /// <param name="jobs">The jobs found.</param>
    /// <param name="nonExistentJobIds">The ids the service does not know.</param>
    /// <param name="requestIds">The request ids of the responses the result was read from, in order, if known.</param>
    public JobsLookupResult(IReadOnlyList<JobDetail> jobs, IReadOnlyList<string> nonExistentJobIds, IReadOnlyList<string>? requestIds = null)
    {
        RequestIds = requestIds ?? Array.Empty<string>();
        Jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
        NonExistentJobIds = nonExistentJobIds ?? throw new ArgumentNullException(nameof(nonExistentJobIds));
    }

    /// <summary>The jobs found, in the service's order.</summary>
    public IReadOnlyList<JobDetail> Jobs { get; }

    /// <summary>The ids the service reported in <c>NonExistJobIds</c>.</summary>
    public IReadOnlyList<string> NonExistentJobIds { get; }

    /// <summary>
    /// The request id (<c>x-ci-request-id</c>, or <c>x-cos-request-id</c>) of each response the result was read from, in
    /// order: one per request (a lookup of more than 50 ids is split into several requests); responses without one are
    /// left out. Each job's own <see cref="JobDetail.RequestId"/> names the response it came from.
    /// </summary>
    public IReadOnlyList<string> RequestIds { get; }

    /// <summary>The request id of the last response (the only one for up to 50 ids); <c>null</c> when none was sent.</summary>
    public string? RequestId => RequestIds.Count == 0 ? null : RequestIds[^1];
}
