namespace CosQualityEstimate.Objects;

/// <summary>What HEAD Object reports about an object.</summary>
public sealed class ObjectProperties
{
    /// <summary>Creates properties (also for tests and mocks).</summary>
    /// <param name="key">The object key.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="eTag">ETag with quotes, or <see langword="null"/> when absent.</param>
    /// <param name="lastModified">Last modification time, when reported.</param>
    /// <param name="contentType">Content-Type, when reported.</param>
    /// <param name="crc64Ecma">The <c>x-cos-hash-crc64ecma</c> value, when reported.</param>
    public ObjectProperties(string key, long size, string? eTag, DateTimeOffset? lastModified, string? contentType, string? crc64Ecma)
    {
        Key = key;
        Size = size;
        ETag = eTag;
        LastModified = lastModified;
        ContentType = contentType;
        Crc64Ecma = crc64Ecma;
    }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>Size in bytes (Content-Length).</summary>
    public long Size { get; }

    /// <summary>The ETag with its quotes, or <see langword="null"/> when the response had none.</summary>
    public string? ETag { get; }

    /// <summary>Last modification time.</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>The Content-Type.</summary>
    public string? ContentType { get; }

    /// <summary>The service's CRC-64/ECMA-182 of the content (<c>x-cos-hash-crc64ecma</c>, decimal), when reported.</summary>
    public string? Crc64Ecma { get; }
}
