using CosQualityEstimate.Credentials;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Objects;

/// <summary>
/// Settings of an <see cref="ObjectsClient"/>: which bucket and region, which credential, how requests are signed and
/// retried, and how large files are split. Validated when the client is created.
/// </summary>
public sealed class ObjectsClientOptions
{
    /// <summary>The default size above which a file is uploaded in parts: 32 MB.</summary>
    public const long DefaultMultipartThreshold = 32L * 1024 * 1024;

    /// <summary>The default part size: 8 MB (raised automatically so a file fits in 10,000 parts).</summary>
    public const long DefaultPartSize = 8L * 1024 * 1024;

    /// <summary>The bucket, as <c>BucketName-APPID</c>, for example <c>examplebucket-1250000000</c>. Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's region, for example <c>ap-beijing</c>. Required.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Overrides the object endpoint (default <c>https://&lt;Bucket&gt;.cos.&lt;Region&gt;.myqcloud.com</c>), for the
    /// emulator, proxies and private endpoints. Must be an absolute http or https URI.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Permanent or temporary keys. Either this or <see cref="CredentialProvider"/> is required.</summary>
    public CosCredential? Credential { get; set; }

    /// <summary>Supplies credentials per request (rotation, temporary keys); takes precedence over <see cref="Credential"/>.</summary>
    public ICosCredentialProvider? CredentialProvider { get; set; }

    /// <summary>How long a signature's key time is valid, between 1 minute and 24 hours; default 10 minutes.</summary>
    public TimeSpan SignatureValidity { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Header that carries a temporary credential's session token; default <c>x-cos-security-token</c>.</summary>
    public string SessionTokenHeaderName { get; set; } = "x-cos-security-token";

    /// <summary>Value of the <c>User-Agent</c> header; the library's name and version when not set.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Clock used for signing and backoff; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logger factory for request and retry events; nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

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
}
