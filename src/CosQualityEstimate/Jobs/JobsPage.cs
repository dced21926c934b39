using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>One page of a job listing.</summary>
public sealed class JobsPage
{
    /// <summary>Creates a page (also for tests and mocks).</summary>
    /// <param name="jobs">The jobs on the page.</param>
    /// <param name="continuationToken">The token of the next page, or <c>null</c> on the last page.</param>
    /// <param name="requestId">The request id of the response the page was read from, if known.</param>
    public JobsPage(IReadOnlyList<JobDetail> jobs, string? continuationToken, string? requestId = null)
    {
        RequestId = requestId;
        Jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
        ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
    }

    /// <summary>The jobs on this page.</summary>
    public IReadOnlyList<JobDetail> Jobs { get; }

    /// <summary>The service's <c>NextToken</c>: pass it to resume the listing after this page; <c>null</c> on the last page.</summary>
    public string? ContinuationToken { get; }

    /// <summary>The request id (<c>x-ci-request-id</c>, or <c>x-cos-request-id</c>) of the response this page was read from; <c>null</c> when the service sent none.</summary>
    public string? RequestId { get; }
}
