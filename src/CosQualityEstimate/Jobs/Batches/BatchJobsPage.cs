using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>One page of a batch listing.</summary>
public sealed class BatchJobsPage
{
    /// <summary>Creates a page (also for tests and mocks).</summary>
    /// <param name="batches">The batches on the page.</param>
    /// <param name="continuationToken">The token of the next page, or <c>null</c> on the last page.</param>
    /// <param name="requestId">The request id of the response the page was read from, if known.</param>
    public BatchJobsPage(IReadOnlyList<BatchJobDetail> batches, string? continuationToken, string? requestId = null)
    {
        Batches = batches ?? throw new ArgumentNullException(nameof(batches));
        ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        RequestId = requestId;
    }

    /// <summary>The batches on this page.</summary>
    public IReadOnlyList<BatchJobDetail> Batches { get; }

    /// <summary>The service's <c>NextToken</c>; <c>null</c> on the last page.</summary>
    public string? ContinuationToken { get; }

    /// <summary>The request id of the response this page was read from; <c>null</c> when the service sent none.</summary>
    public string? RequestId { get; }
}
