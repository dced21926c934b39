using System.Globalization;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>Listing a bucket (GET Bucket), page by page; each page is read inside its attempt, so an unreadable page is fetched again.</summary>
public partial class ObjectsClient
{
    /// <summary>Lists the objects whose keys start with <paramref name="prefix"/>, in key order, fetching pages (GET Bucket) as they are consumed.</summary>
    /// <param name="prefix">Key prefix, for example <c>videos/</c>; all objects when <see langword="null"/> or empty.</param>
    /// <param name="pageSize">Objects per request, 1 to 1000; default 1000.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The objects.</returns>
    /// <exception cref="ArgumentException">The prefix is one COS rejects, or the page size is out of range.</exception>
    public virtual async IAsyncEnumerable<ObjectItem> ListObjectsAsync(string? prefix = null, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKeyValidator.ValidatePrefix(prefix, nameof(prefix));
        ValidatePageSize(pageSize);
        // The one page loop (AsyncPageable); each page is one "ObjectsClient.GetObjectsPage" call activity, as with the jobs listing.
        var pages = new AsyncPageable<ObjectItem>(async (marker, ct) => await CosCallScope.RunAsync("ObjectsClient.GetObjectsPage", (Client: this, Prefix: prefix, Marker: marker, Size: pageSize), static (s, c) => s.Client.GetPageCoreAsync(s.Prefix, s.Marker, s.Size, c), ct).ConfigureAwait(false));
        await foreach (var item in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Gets one page of a listing (GET Bucket with <c>prefix</c>, <c>marker</c> and <c>max-keys</c>).</summary>
    /// <param name="prefix">Key prefix; all objects when <see langword="null"/> or empty.</param>
    /// <param name="continuationToken">The previous page's <see cref="Page{T}.ContinuationToken"/>; <see langword="null"/> for the first page.</param>
    /// <param name="pageSize">Objects per page, 1 to 1000; default 1000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The prefix is one COS rejects, or the page size is out of range.</exception>
    public virtual Task<ObjectsPage> GetObjectsPageAsync(string? prefix = null, string? continuationToken = null, int? pageSize = null, CancellationToken cancellationToken = default)
    {
        ObjectKeyValidator.ValidatePrefix(prefix, nameof(prefix));
        ValidatePageSize(pageSize);
        return CosCallScope.RunAsync("ObjectsClient.GetObjectsPage", (Client: this, Prefix: prefix, Marker: continuationToken, Size: pageSize), static (s, ct) => s.Client.GetPageCoreAsync(s.Prefix, s.Marker, s.Size, ct), cancellationToken);
    }

    private static void ValidatePageSize(int? pageSize)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "pageSize must be 1 to 1000.");
        }
    }

    private async Task<ObjectsPage> GetPageCoreAsync(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        var request = new CosRequest("ListObjects", HttpMethod.Get, "/") { IsIdempotent = true };
        request.AddQuery("encoding-type", "url");
        if (!string.IsNullOrEmpty(prefix))
        {
            request.AddQuery("prefix", prefix);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            request.AddQuery("marker", marker);
        }

        request.AddQuery("max-keys", (pageSize ?? 1000).ToString(CultureInfo.InvariantCulture));
        return await Pipeline.SendAsync(request, ObjectXml.ReadObjectsPage, cancellationToken).ConfigureAwait(false);
    }
}
