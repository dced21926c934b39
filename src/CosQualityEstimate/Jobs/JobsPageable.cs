using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// A job listing: an <see cref="AsyncPageable{T}"/> of <see cref="JobDetail"/> whose pages are <see cref="JobsPage"/>s
/// (kept from 1.0, where <c>ListJobsAsync</c> returns it). The page loop is <see cref="AsyncPageable{T}"/>'s; this type
/// only types the pages.
/// </summary>
public class JobsPageable : AsyncPageable<JobDetail>
{
    private readonly Func<string?, CancellationToken, Task<JobsPage>>? _fetchPage;

    /// <summary>For mocking only.</summary>
    protected JobsPageable()
    {
    }

    /// <summary>Creates a listing from a page source (also for tests and mocks).</summary>
    /// <param name="fetchPage">Fetches the page for a continuation token (<c>null</c> for the first page).</param>
    public JobsPageable(Func<string?, CancellationToken, Task<JobsPage>> fetchPage)
    {
        _fetchPage = fetchPage ?? throw new ArgumentNullException(nameof(fetchPage));
    }

    /// <summary>The pages, starting after <paramref name="continuationToken"/> (from the first page when <c>null</c>).</summary>
    /// <param name="continuationToken">A <see cref="Page{T}.ContinuationToken"/> from an earlier listing with the same filters.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pages.</returns>
    public new virtual IAsyncEnumerable<JobsPage> AsPages(string? continuationToken = null, CancellationToken cancellationToken = default) =>
        FollowAsync(_fetchPage ?? throw new InvalidOperationException("This JobsPageable was created for mocking."), continuationToken, cancellationToken);

    /// <inheritdoc/>
    private protected override IAsyncEnumerable<Page<JobDetail>> AsPagesCore(string? continuationToken, CancellationToken cancellationToken) =>
        AsPages(continuationToken, cancellationToken);
}
