using CosQualityEstimate.Credentials;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Logging;
using Polly;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Settings of a <see cref="JobsClient"/>: which bucket and region, which credential, and how requests are signed and sent.
/// Bind it from configuration (section <c>CosQualityEstimate</c>) or set it in code; it is validated when the client is created.
/// </summary>
public sealed class JobsClientOptions
{
    /// <summary>The default signature validity: 10 minutes.</summary>
    public static readonly TimeSpan DefaultSignatureValidity = TimeSpan.FromMinutes(10);

    /// <summary>The bucket bound to CI, as <c>BucketName-APPID</c>, for example <c>examplebucket-1250000000</c>. Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's region, for example <c>ap-beijing</c>. Required.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Overrides the service endpoint (default <c>https://&lt;Bucket&gt;.ci.&lt;Region&gt;.myqcloud.com</c>), for emulators,
    /// proxies and private endpoints. Must be an absolute http or https URI.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Permanent or temporary keys. Either this or <see cref="CredentialProvider"/> is required.</summary>
    public CosCredential? Credential { get; set; }

    /// <summary>Supplies credentials per request (rotation, temporary keys); takes precedence over <see cref="Credential"/>.</summary>
    public ICosCredentialProvider? CredentialProvider { get; set; }

    /// <summary>
    /// How long a signature's key time is valid (<c>q-key-time</c>), between 1 minute and 24 hours; default 10 minutes.
    /// The client reuses one key window for up to half of this time, so every request carries at least half of it.
    /// </summary>
    public TimeSpan SignatureValidity { get; set; } = DefaultSignatureValidity;

    /// <summary>
    /// Header that carries a temporary credential's session token; default <c>x-cos-security-token</c>.
    /// Tencent's Python and Node SDKs send <c>x-ci-security-token</c> to CI hosts; either is signed.
    /// </summary>
    public string SessionTokenHeaderName { get; set; } = "x-cos-security-token";

    /// <summary>Value of the <c>User-Agent</c> header; the library's name and version when not set.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Clock used for signing and waiting; <see cref="TimeProvider.System"/> by default. Tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Retries, timeouts and submit reconciliation.</summary>
    public CosRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Give every submit a client token (in UserData) so that a submit whose outcome is unknown (timeout or reset after
    /// sending, 5xx) is reconciled by listing the object's recent jobs: the job is returned if it exists, and the submit is
    /// resent only when it provably does not. Off by default because it uses 43 of the 1024 UserData characters;
    /// without it such failures raise <see cref="SubmitOutcomeUnknownException"/> and nothing is resent.
    /// </summary>
    public bool UseClientTokens { get; set; }

    /// <summary>Logger factory for request, retry and job events; nothing is logged when <c>null</c>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Replaces the default resilience pipeline entirely (see <see cref="CosResilience"/> for its retry rule, which a replacement should respect).</summary>
    public ResiliencePipeline? ResiliencePipeline { get; set; }

    /// <summary>Extends the default resilience pipeline: called with a builder that already holds the default strategies; strategies added here run inside them, per attempt.</summary>
    public Action<ResiliencePipelineBuilder>? ConfigureResilience { get; set; }

    /// <summary>
    /// The object endpoint used by <see cref="JobsClient.Objects"/> (uploads). Default: <see cref="Endpoint"/> when that is
    /// set (the emulator serves both APIs on one port), else <c>https://&lt;Bucket&gt;.cos.&lt;Region&gt;.myqcloud.com</c>.
    /// </summary>
    public Uri? ObjectsEndpoint { get; set; }

    /// <summary>
    /// Prefix of the object key that <see cref="JobsClient.EstimateFileQualityAsync"/> derives from a file name when no key
    /// is given; default <c>uploads/</c> (so <c>/tmp/a.mp4</c> becomes <c>uploads/a.mp4</c>). May be empty.
    /// </summary>
    public string UploadKeyPrefix { get; set; } = "uploads/";

    /// <summary>Adjusts the options of <see cref="JobsClient.Objects"/> (multipart threshold, part size, concurrency, retries) after they were filled from these options.</summary>
    public Action<Objects.ObjectsClientOptions>? ConfigureObjects { get; set; }
}
