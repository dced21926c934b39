using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>One page of a job listing: a <see cref="Page{T}"/> of <see cref="JobDetail"/> (kept from 1.0, where <see cref="Jobs"/> is <see cref="Page{T}.Values"/>).</summary>
public sealed class JobsPage : Page<JobDetail>
{
    /// <summary>Creates a page (also for tests and mocks).</summary>
    /// <param name="jobs">The jobs on the page.</param>
    /// <param name="continuationToken">The token of the next page, or <c>null</c> on the last page.</param>
    /// <param name="requestId">The request id of the response the page was read from, if known.</param>
    public JobsPage(IReadOnlyList<JobDetail> jobs, string? continuationToken, string? requestId = null)
        : base(jobs ?? throw new ArgumentNullException(nameof(jobs)), continuationToken, requestId)
    {
    }

    /// <summary>The jobs on this page (the same list as <see cref="Page{T}.Values"/>).</summary>
    public IReadOnlyList<JobDetail> Jobs => Values;
}
