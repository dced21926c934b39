namespace CosQualityEstimate;

/// <summary>
/// One page of a listing, in the shape of Azure's <c>Page&lt;T&gt;</c>: the <see cref="Values"/> of the page and the
/// <see cref="ContinuationToken"/> to resume after it. Job, batch and object listings all return these pages
/// (through <see cref="AsyncPageable{T}.AsPages"/>).
/// </summary>
/// <typeparam name="T">The listed model.</typeparam>
public class Page<T>
    where T : notnull
{
    /// <summary>Creates a page (also for tests and mocks).</summary>
    /// <param name="values">The values on the page, in the service's order.</param>
    /// <param name="continuationToken">The token of the next page; <see langword="null"/> or empty on the last page.</param>
    /// <param name="requestId">The request id of the response the page was read from, if known.</param>
    public Page(IReadOnlyList<T> values, string? continuationToken, string? requestId = null)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
        ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
        RequestId = requestId;
    }

    /// <summary>The values on this page, in the service's order.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The service's continuation token (<c>NextToken</c>, or a listing marker): pass it to resume after this page; <see langword="null"/> on the last page.</summary>
    public string? ContinuationToken { get; }

    /// <summary>The request id (<c>x-ci-request-id</c>, or <c>x-cos-request-id</c>) of the response this page was read from; <see langword="null"/> when unknown.</summary>
    public string? RequestId { get; }
}
