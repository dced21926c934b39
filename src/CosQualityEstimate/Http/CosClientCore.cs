using System.Reflection;
using CosQualityEstimate.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace CosQualityEstimate.Http;

/// <summary>
/// What both clients share for one connection to a bucket: the validated connection settings
/// (<see cref="CosClientOptions"/>), the <see cref="HttpClient"/> (and whether it is ours to dispose), the credential
/// provider, the signer with its clock-skew correction (one clock offset per core: a <c>JobsClient</c> and its
/// <c>Objects</c> learn the service's time once), the clock, the logger factory and the <c>User-Agent</c>. Each client
/// builds its <see cref="CosHttpPipeline"/> (its endpoint, its resilience) on it.
/// </summary>
internal sealed class CosClientCore : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;
    private readonly ILoggerFactory? _loggerFactory;

    private CosClientCore(HttpClient httpClient, bool ownsHttpClient, CosClientOptions options)
    {
        HttpClient = httpClient;
        _ownedHttpClient = ownsHttpClient ? httpClient : null;
        Bucket = options.Bucket!;
        Region = options.Region!;
        Time = options.TimeProvider;
        _loggerFactory = options.LoggerFactory;
        UserAgent = options.UserAgent ?? DefaultUserAgent;
        Credentials = options.CredentialProvider ?? new StaticCosCredentialProvider(options.Credential!);
        Clock = new ServiceClock(Time);
        Signer = new RequestSigner(Credentials, Clock, options.SignatureValidity, options.SessionTokenHeaderName);
    }

    /// <summary>The default <c>User-Agent</c>: <c>cos-quality-estimate-dotnet/&lt;version&gt;</c>.</summary>
    internal static string DefaultUserAgent { get; } =
        "cos-quality-estimate-dotnet/" + (typeof(CosClientCore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    internal HttpClient HttpClient { get; }

    internal string Bucket { get; }

    internal string Region { get; }

    internal TimeProvider Time { get; }

    internal string UserAgent { get; }

    internal ICosCredentialProvider Credentials { get; }

    /// <summary>The service's clock as this connection learnt it (the signer's, and what a look-up's "since" is measured on).</summary>
    internal ServiceClock Clock { get; }

    /// <summary>The one signer of this connection, on <see cref="Clock"/>.</summary>
    internal RequestSigner Signer { get; }

    /// <summary>
    /// Validates <paramref name="options"/> with <paramref name="validate"/> first — so invalid options never leave an
    /// undisposed HttpClient behind — then creates the core on <paramref name="httpClient"/>, or on an HttpClient of its
    /// own (disposed with the core) when that is <see langword="null"/>.
    /// </summary>
    /// <param name="httpClient">The caller's HttpClient (never disposed by the core), or <see langword="null"/>.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="validate">The client's validator; throws <see cref="ArgumentException"/>.</param>
    internal static CosClientCore Create<TOptions>(HttpClient? httpClient, TOptions options, Action<TOptions> validate)
        where TOptions : CosClientOptions
    {
        validate(options);
        return httpClient is null
            ? new CosClientCore(CreateDefaultHttpClient(), ownsHttpClient: true, options)
            : new CosClientCore(httpClient, ownsHttpClient: false, options);
    }

    internal ILogger CreateLogger(string category) => _loggerFactory?.CreateLogger(category) ?? NullLogger.Instance;

    /// <summary>A pipeline to <paramref name="endpoint"/> on this connection (its HttpClient, signer, credentials, clock, user agent).</summary>
    /// <param name="endpoint">The service endpoint.</param>
    /// <param name="resilience">The client's resilience pipeline.</param>
    /// <param name="logger">The client's logger.</param>
    /// <param name="timeouts">Timeouts the pipeline applies itself (the resilience pipeline then holds the retry alone); <see langword="null"/> when the resilience pipeline holds them.</param>
    internal CosHttpPipeline CreatePipeline(Uri endpoint, ResiliencePipeline resilience, ILogger logger, CallTimeouts? timeouts = null) =>
        new(HttpClient, endpoint, Signer, UserAgent, resilience, Credentials, Time, logger, timeouts);

    /// <summary>A pipeline that runs the typed resilience pipeline <paramref name="typedResilience"/> (the default retry alone) between the timeouts it applies itself.</summary>
    /// <param name="endpoint">The service endpoint.</param>
    /// <param name="typedResilience">The retry, typed to <see cref="CosResponse"/>.</param>
    /// <param name="logger">The client's logger.</param>
    /// <param name="timeouts">The overall and attempt timeouts.</param>
    internal CosHttpPipeline CreatePipeline(Uri endpoint, ResiliencePipeline<CosResponse> typedResilience, ILogger logger, CallTimeouts timeouts) =>
        new(HttpClient, endpoint, Signer, UserAgent, ResiliencePipeline.Empty, Credentials, Time, logger, timeouts, typedResilience);

    /// <summary>Disposes the HttpClient the core created itself, if any; never one passed in.</summary>
    public void Dispose() => _ownedHttpClient?.Dispose();

    private static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the resilience pipeline owns attempt and overall timeouts
    };
}
