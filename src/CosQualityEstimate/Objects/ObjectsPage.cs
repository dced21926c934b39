namespace CosQualityEstimate.Objects;

/// <summary>One page of a listing (GET Bucket): a <see cref="Page{T}"/> of <see cref="ObjectItem"/> (kept from 1.0, where <see cref="Items"/> is <see cref="Page{T}.Values"/>).</summary>
public sealed class ObjectsPage : Page<ObjectItem>
{
    /// <summary>Creates a page (also for tests and mocks).</summary>
    /// <param name="items">The objects, in key order.</param>
    /// <param name="continuationToken">The marker of the next page, or <see langword="null"/> on the last page.</param>
    public ObjectsPage(IReadOnlyList<ObjectItem> items, string? continuationToken)
        : base(items ?? throw new ArgumentNullException(nameof(items)), continuationToken)
    {
    }

    /// <summary>The objects of this page, in key order (the same list as <see cref="Page{T}.Values"/>).</summary>
    public IReadOnlyList<ObjectItem> Items => Values;
}
