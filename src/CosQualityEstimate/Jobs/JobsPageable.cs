using System.Runtime.CompilerServices;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// A job listing that follows the service's <c>NextToken</c> across pages: enumerate it for jobs, or call
/// <see cref="AsPages"/> for pages and their continuation tokens (to resume later).
/// </summary>
public class JobsPageable : IAsyncEnumerable<JobDetail>
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
    /// <param name="continuationToken">A <see cref="JobsPage.ContinuationToken"/> from an earlier listing with the same filters.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public virtual async IAsyncEnumerable<JobsPage> AsPages(string? continuationToken = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var fetch = _fetchPage ?? throw new InvalidOperationException("This JobsPageable was created for mocking.");
        var token = continuationToken;
        do
        {
            var page = await fetch(token, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.ContinuationToken is not null && page.ContinuationToken == token)
            {
                // A service that hands back the same token would loop forever; stop instead.
                yield break;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Enumerates the jobs of every page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public virtual async IAsyncEnumerator<JobDetail> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var job in page.Jobs)
            {
                yield return job;
            }
        }
    }
}
