using CosQualityEstimate.Http;
using Polly;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Settings of a <see cref="JobsClient"/>: the connection settings every client shares (<see cref="CosClientOptions"/>:
/// bucket, region, endpoint — default <c>https://&lt;Bucket&gt;.ci.&lt;Region&gt;.myqcloud.com</c> —, credential, signing,
/// clock, logging), retries and submit safety, and the settings of its <see cref="JobsClient.Objects"/>.
/// Bind it from configuration (section <c>CosQualityEstimate</c>) or set it in code; it is validated when the client is created.
/// </summary>
public sealed class JobsClientOptions : CosClientOptions
{
    /// <summary>The default signature validity: 10 minutes.</summary>
    public static readonly TimeSpan DefaultSignatureValidity = TimeSpan.FromMinutes(10);

    /// <summary>Retries, timeouts and submit reconciliation.</summary>
    public CosRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Give every submit a client token (in UserData) so that a submit whose outcome is unknown (timeout or reset after
    /// sending, 5xx) is reconciled by listing the object's recent jobs: the job is returned if it exists, and the submit is
    /// resent only when it provably does not. Off by default because it uses 43 of the 1024 UserData characters;
    /// without it such failures raise <see cref="SubmitOutcomeUnknownException"/> and nothing is resent.
    /// </summary>
    public bool UseClientTokens { get; set; }

    /// <summary>Replaces the default resilience pipeline entirely (see <see cref="CosResilience"/> for its retry rule, which a replacement should respect).</summary>
    public ResiliencePipeline? ResiliencePipeline { get; set; }

    /// <summary>Extends the default resilience pipeline: called with a builder that already holds the default strategies; strategies added here run inside them, per attempt.</summary>
    public Action<ResiliencePipelineBuilder>? ConfigureResilience { get; set; }

    /// <summary>
    /// The object endpoint used by <see cref="JobsClient.Objects"/> (uploads). Default:
    /// <c>https://&lt;Bucket&gt;.cos.&lt;Region&gt;.myqcloud.com</c>, derived from the bucket and region — also when
    /// <see cref="CosClientOptions.Endpoint"/> points at a proxy or private CI host, which does not serve objects — except
    /// when <see cref="CosClientOptions.Endpoint"/> is a loopback address (an emulator serving both APIs on one port), which
    /// is then used for objects too. Must be an absolute http or https URI.
    /// </summary>
    public Uri? ObjectsEndpoint { get; set; }

    /// <summary>
    /// Prefix of the object key that <see cref="JobsClient.EstimateFileQualityAsync"/> derives from a file name when no key
    /// is given; default <c>uploads/</c> (so <c>/tmp/a.mp4</c> becomes <c>uploads/a.mp4</c>). May be empty.
    /// </summary>
    public string UploadKeyPrefix { get; set; } = DefaultUploadKeyPrefix;

    /// <summary>The one declaration of the default of <see cref="UploadKeyPrefix"/> (also what a client made for mocking uses).</summary>
    internal const string DefaultUploadKeyPrefix = "uploads/";

    /// <summary>Adjusts the options of <see cref="JobsClient.Objects"/> (multipart threshold, part size, concurrency, retries, endpoint)
    /// after they were filled from these options. The object client shares this client's connection (credential, signer and
    /// its clock correction, HttpClient), so changing any other connection setting here is refused when the options are validated.</summary>
    public Action<Objects.ObjectsClientOptions>? ConfigureObjects { get; set; }

    /// <inheritdoc />
    internal override RequestRetryOptions? RetrySettings => Retry;

    /// <summary>
    /// The endpoint <see cref="JobsClient.Objects"/> uses before <see cref="ConfigureObjects"/>: <see cref="ObjectsEndpoint"/>,
    /// else a loopback <see cref="CosClientOptions.Endpoint"/> (an emulator serves both APIs), else the COS host of the bucket.
    /// </summary>
    internal Uri ResolveObjectsEndpoint() =>
        ObjectsEndpoint
        ?? (Endpoint is { IsAbsoluteUri: true, IsLoopback: true } loopback ? loopback : ServiceEndpoint("cos"));

    /// <summary>The options of <see cref="JobsClient.Objects"/>: this connection, the resolved object endpoint, then <see cref="ConfigureObjects"/>.</summary>
    internal Objects.ObjectsClientOptions CreateObjectsOptions()
    {
        var objects = new Objects.ObjectsClientOptions();
        CopyConnectionTo(objects);
        objects.Endpoint = ResolveObjectsEndpoint();
        ConfigureObjects?.Invoke(objects);
        return objects;
    }
}
