using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>
/// Settings of an <see cref="ObjectsClient"/>: the connection settings every client shares (<see cref="CosClientOptions"/>:
/// bucket, region, endpoint — default <c>https://&lt;Bucket&gt;.cos.&lt;Region&gt;.myqcloud.com</c> —, credential, signing,
/// clock, logging), how requests are retried, and how large files are split. Validated when the client is created.
/// </summary>
public sealed class ObjectsClientOptions : CosClientOptions
{
    /// <summary>The default size above which a file is uploaded in parts: 32 MB.</summary>
    public const long DefaultMultipartThreshold = 32L * 1024 * 1024;

    /// <summary>The default part size: 8 MB (raised automatically so a file fits in 10,000 parts).</summary>
    public const long DefaultPartSize = 8L * 1024 * 1024;

    /// <summary>Retries and timeouts of each object request.</summary>
    public ObjectsRetryOptions Retry { get; set; } = new();

    /// <summary>Files larger than this are uploaded in parts (multipart upload); default 32 MB. At least 1 MB, at most 5 GB (the largest single PUT).</summary>
    public long MultipartThreshold { get; set; } = DefaultMultipartThreshold;

    /// <summary>
    /// Size of each part of a multipart upload; default 8 MB, between 1 MB and 5 GB. For files larger than
    /// 10,000 parts of this size the part size is raised (in whole MB) so the file fits in COS's 10,000-part limit.
    /// </summary>
    public long PartSize { get; set; } = DefaultPartSize;

    /// <summary>Parts sent at the same time during a multipart upload; default 4, between 1 and 64.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <inheritdoc />
    internal override RequestRetryOptions? RetrySettings => Retry;
}
