namespace CosQualityEstimate.Objects;

/// <summary>One page of a listing (GET Bucket).</summary>
public sealed class ObjectsPage
{
    /// <summary>Creates a page (also for tests and mocks).</summary>
    /// <param name="items">The objects, in key order.</param>
    /// <param name="continuationToken">The marker of the next page, or <see langword="null"/> on the last page.</param>
    public ObjectsPage(IReadOnlyList<ObjectItem> items, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        ContinuationToken = continuationToken;
    }

    /// <summary>The objects of this page, in key order.</summary>
    public IReadOnlyList<ObjectItem> Items { get; }

    /// <summary>Pass to <see cref="ObjectsClient.GetObjectsPageAsync"/> for the next page; <see langword="null"/> on the last page.</summary>
    public string? ContinuationToken { get; }
}
