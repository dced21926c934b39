using System.Runtime.CompilerServices;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>A batch listing that follows <c>NextToken</c>: enumerate it for batches, or call <see cref="AsPages"/>.</summary>
public class BatchJobsPageable : IAsyncEnumerable<BatchJobDetail>
{
    private readonly Func<string?, CancellationToken, Task<BatchJobsPage>>? _fetchPage;

    /// <summary>For mocking only.</summary>
    protected BatchJobsPageable()
    {
    }

    /// <summary>Creates a listing from a page source (also for tests and mocks).</summary>
    /// <param name="fetchPage">Fetches the page for a continuation token (<c>null</c> for the first page).</param>
    public BatchJobsPageable(Func<string?, CancellationToken, Task<BatchJobsPage>> fetchPage)
    {
        _fetchPage = fetchPage ?? throw new ArgumentNullException(nameof(fetchPage));
    }

    /// <summary>The pages, starting after <paramref name="continuationToken"/>.</summary>
    /// <param name="continuationToken">A token from an earlier listing with the same filters, or <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public virtual async IAsyncEnumerable<BatchJobsPage> AsPages(string? continuationToken = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var fetch = _fetchPage ?? throw new InvalidOperationException("This BatchJobsPageable was created for mocking.");
        var token = continuationToken;
        do
        {
            var page = await fetch(token, cancellationToken).ConfigureAwait(false);
            yield return page;
            if (page.ContinuationToken is not null && page.ContinuationToken == token)
            {
                yield break; // a service that hands back the same token would loop forever
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Enumerates the batches of every page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public virtual async IAsyncEnumerator<BatchJobDetail> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var batch in page.Batches)
            {
                yield return batch;
            }
        }
    }
}
