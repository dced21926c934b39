using System.Runtime.CompilerServices;

namespace CosQualityEstimate;

/// <summary>
/// A listing that follows the service's continuation token across pages, in the shape of Azure's
/// <c>AsyncPageable&lt;T&gt;</c>: enumerate it for the values, or call <see cref="AsPages"/> for pages and their
/// continuation tokens (to resume later). Pages are fetched as they are consumed; a service that hands back the token it
/// was given ends the listing instead of looping. The one pageable of the library: jobs, batches and objects.
/// </summary>
/// <typeparam name="T">The listed model.</typeparam>
public class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    private readonly Func<string?, CancellationToken, Task<Page<T>>>? _fetchPage;

    /// <summary>For mocking only: a subclass overrides <see cref="AsPages"/>.</summary>
    protected AsyncPageable()
    {
    }

    /// <summary>Creates a listing from a page source (also for tests and mocks).</summary>
    /// <param name="fetchPage">Fetches the page for a continuation token (<see langword="null"/> for the first page).</param>
    public AsyncPageable(Func<string?, CancellationToken, Task<Page<T>>> fetchPage)
    {
        _fetchPage = fetchPage ?? throw new ArgumentNullException(nameof(fetchPage));
    }

    /// <summary>The pages, starting after <paramref name="continuationToken"/> (from the first page when <see langword="null"/>).</summary>
    /// <param name="continuationToken">A <see cref="Page{T}.ContinuationToken"/> from an earlier listing with the same filters.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The pages.</returns>
    public virtual IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, CancellationToken cancellationToken = default) =>
        AsPagesCore(continuationToken, cancellationToken);

    /// <summary>Enumerates the values of every page.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }

    /// <summary>What <see cref="AsPages"/> returns; a typed subclass (the 1.0 <c>JobsPageable</c>) routes it to its own pages.</summary>
    private protected virtual IAsyncEnumerable<Page<T>> AsPagesCore(string? continuationToken, CancellationToken cancellationToken) =>
        FollowAsync(_fetchPage ?? throw new InvalidOperationException($"This {GetType().Name} was created for mocking."), continuationToken, cancellationToken);

    /// <summary>The one page loop: fetch, yield, follow the token, stop on the last page or on a token handed back unchanged.</summary>
    private protected static async IAsyncEnumerable<TPage> FollowAsync<TPage>(Func<string?, CancellationToken, Task<TPage>> fetch, string? continuationToken, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TPage : Page<T>
    {
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
}
