namespace CosQualityEstimate.Objects;

/// <summary>One object of a listing (GET Bucket <c>Contents</c>).</summary>
public sealed class ObjectItem
{
    /// <summary>Creates an item (also for tests and mocks).</summary>
    /// <param name="key">The object key.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="eTag">ETag with quotes.</param>
    /// <param name="lastModified">Last modification time, when it parsed.</param>
    /// <param name="storageClass">Storage class, for example <c>STANDARD</c>.</param>
    public ObjectItem(string key, long size, string? eTag, DateTimeOffset? lastModified, string? storageClass)
    {
        Key = key;
        Size = size;
        ETag = eTag;
        LastModified = lastModified;
        StorageClass = storageClass;
    }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; }

    /// <summary>The ETag with quotes.</summary>
    public string? ETag { get; }

    /// <summary>Last modification time, when it parsed.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Storage class, for example <c>STANDARD</c>.</summary>
    public string? StorageClass { get; }
}
