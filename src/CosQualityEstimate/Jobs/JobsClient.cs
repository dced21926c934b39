using System.Reflection;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Client for the CI jobs API of one bucket: submit QualityEstimate jobs and follow them to a score.
/// Thread-safe and meant to be reused for the lifetime of the application (one per bucket and region).
/// </summary>
public class JobsClient
{
    private readonly CosHttpPipeline? _pipeline;

    /// <summary>For mocking only: every member of a client built this way throws.</summary>
    protected JobsClient()
    {
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Bucket, region, credential and signing settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public JobsClient(JobsClientOptions options)
        : this(CreateDefaultHttpClient(), options)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/> (for example a typed client from
    /// <c>IHttpClientFactory</c>). The client signs every request itself; the HttpClient needs no handler for that.
    /// </summary>
    /// <param name="httpClient">The HttpClient to send with. Its BaseAddress is ignored: the endpoint comes from <paramref name="options"/>.</param>
    /// <param name="options">Bucket, region, credential and signing settings; validated now.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public JobsClient(HttpClient httpClient, JobsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        JobsClientOptionsValidator.ThrowIfInvalid(options);

        Bucket = options.Bucket!;
        Region = options.Region!;
        Endpoint = options.Endpoint ?? new Uri($"https://{options.Bucket}.ci.{options.Region}.myqcloud.com/");
        TimeProvider = options.TimeProvider;
        var credentials = options.CredentialProvider ?? new StaticCosCredentialProvider(options.Credential!);
        var signer = new RequestSigner(credentials, options.TimeProvider, options.SignatureValidity, options.SessionTokenHeaderName);
        _pipeline = new CosHttpPipeline(httpClient, Endpoint, signer, options.UserAgent ?? DefaultUserAgent);
    }

    /// <summary>The default <c>User-Agent</c>: <c>cos-quality-estimate-dotnet/&lt;version&gt;</c>.</summary>
    public static string DefaultUserAgent { get; } =
        "cos-quality-estimate-dotnet/" + (typeof(JobsClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>The bucket, <c>BucketName-APPID</c>.</summary>
    public virtual string Bucket { get; } = string.Empty;

    /// <summary>The bucket's region.</summary>
    public virtual string Region { get; } = string.Empty;

    /// <summary>The service endpoint requests are sent to.</summary>
    public virtual Uri Endpoint { get; } = new("https://localhost/");

    /// <summary>The clock used for signing and waiting.</summary>
    protected TimeProvider TimeProvider { get; } = TimeProvider.System;

    private CosHttpPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This JobsClient was created for mocking and cannot send requests.");

    /// <summary>
    /// Submits a QualityEstimate job (<c>POST /jobs</c>). The request is validated before anything is sent.
    /// A submit costs money and is never resent once it may have reached the service.
    /// </summary>
    /// <param name="request">What to analyse and how.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created job, usually in state Submitted.</returns>
    /// <exception cref="ArgumentException">The request breaks a service rule; the parameter name says which field.</exception>
    /// <exception cref="CosServiceException">The service refused the request or answered unreadably.</exception>
    public virtual async Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default)
    {
        JobRequestValidator.Validate(request);
        var body = CosXml.Serialize(JobRequestConverter.ToWire(request));
        var cosRequest = new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body, IsIdempotent = false };

        var response = await Pipeline.SendAsync(cosRequest, cancellationToken).ConfigureAwait(false);
        var parsed = JobsResponseParser.Parse(response);
        if (parsed.JobsDetail.Count == 0 || string.IsNullOrWhiteSpace(parsed.JobsDetail[0].JobId))
        {
            throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, "the submit response has no JobsDetail/JobId.");
        }

        return JobDetailConverter.ToPublic(parsed.JobsDetail[0]);
    }

    private static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };
}
