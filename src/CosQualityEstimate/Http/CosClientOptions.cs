using CosQualityEstimate.Credentials;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Http;

/// <summary>
/// The connection settings every client of this library shares: which bucket and region, which endpoint, which
/// credential, how requests are signed, and the clock, logging and <c>User-Agent</c> they use. <see cref="Jobs.JobsClientOptions"/>
/// and <see cref="Objects.ObjectsClientOptions"/> add their own settings on top; both are validated by one set of rules,
/// with one wording, when a client is created (before any <see cref="HttpClient"/> is made).
/// </summary>
public abstract class CosClientOptions
{
    /// <summary>Only this library's options types derive from it.</summary>
    private protected CosClientOptions()
    {
    }

    /// <summary>The bucket, as <c>BucketName-APPID</c>, for example <c>examplebucket-1250000000</c>. Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's region, for example <c>ap-beijing</c>. Required.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Overrides the client's endpoint (default <c>https://&lt;Bucket&gt;.ci.&lt;Region&gt;.myqcloud.com</c> for jobs,
    /// <c>https://&lt;Bucket&gt;.cos.&lt;Region&gt;.myqcloud.com</c> for objects), for emulators, proxies and private
    /// endpoints. Must be an absolute http or https URI.
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
    public TimeSpan SignatureValidity { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Header that carries a temporary credential's session token; default <c>x-cos-security-token</c>.
    /// Tencent's Python and Node SDKs send <c>x-ci-security-token</c> to CI hosts; either is signed.
    /// </summary>
    public string SessionTokenHeaderName { get; set; } = "x-cos-security-token";

    /// <summary>Value of the <c>User-Agent</c> header; the library's name and version when not set.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Clock used for signing, backoff and waiting; <see cref="TimeProvider.System"/> by default. Tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logger factory for request, retry and job events; nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The retry settings of the derived options (their <c>Retry</c>), for the shared validation.</summary>
    internal abstract RequestRetryOptions? RetrySettings { get; }

    /// <summary>The public endpoint of <paramref name="service"/> (<c>ci</c> or <c>cos</c>) for this bucket and region.</summary>
    /// <param name="service">The service's host label: <c>ci</c> for jobs, <c>cos</c> for objects.</param>
    internal Uri ServiceEndpoint(string service) => EndpointRule.For(Bucket!, Region!, service);

    /// <summary>Copies these connection settings onto <paramref name="target"/> (the one place that knows them all).</summary>
    /// <param name="target">The options to fill.</param>
    internal void CopyConnectionTo(CosClientOptions target)
    {
        target.Bucket = Bucket;
        target.Region = Region;
        target.Endpoint = Endpoint;
        target.Credential = Credential;
        target.CredentialProvider = CredentialProvider;
        target.SignatureValidity = SignatureValidity;
        target.SessionTokenHeaderName = SessionTokenHeaderName;
        target.UserAgent = UserAgent;
        target.TimeProvider = TimeProvider;
        target.LoggerFactory = LoggerFactory;
    }

    /// <summary>True when <paramref name="other"/> connects exactly like these options, except for the endpoint.</summary>
    /// <param name="other">The options to compare with.</param>
    internal bool SharesConnectionWith(CosClientOptions other) =>
        Bucket == other.Bucket
        && Region == other.Region
        && ReferenceEquals(Credential, other.Credential)
        && ReferenceEquals(CredentialProvider, other.CredentialProvider)
        && SignatureValidity == other.SignatureValidity
        && SessionTokenHeaderName == other.SessionTokenHeaderName
        && UserAgent == other.UserAgent
        && ReferenceEquals(TimeProvider, other.TimeProvider)
        && ReferenceEquals(LoggerFactory, other.LoggerFactory);
}
