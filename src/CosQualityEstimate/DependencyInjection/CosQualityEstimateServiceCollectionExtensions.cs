using CosQualityEstimate.DependencyInjection;
using CosQualityEstimate.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers a <see cref="JobsClient"/> in an <see cref="IServiceCollection"/>: options bound and validated at start-up,
/// an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, logging and the clock from the container.
/// </summary>
/// <remarks>
/// <para>
/// Both overloads return the <see cref="IHttpClientBuilder"/> of the named client <see cref="HttpClientName"/>, so the
/// HttpClient can be extended with the usual calls (<c>AddHttpMessageHandler</c>, <c>ConfigurePrimaryHttpMessageHandler</c>,
/// <c>ConfigureHttpClient</c>…). Its defaults: a <see cref="SocketsHttpHandler"/> with a 5-minute
/// <see cref="SocketsHttpHandler.PooledConnectionLifetime"/> and no automatic decompression, an infinite
/// <see cref="HttpClient.Timeout"/> (the client's resilience pipeline owns timeouts), and none of the factory's own request
/// loggers (the client logs every attempt itself, without secrets; the factory's Trace-level header logging exposes the
/// Authorization header and session token in its structured state even when the message is redacted, so do not re-add it
/// with <c>AddDefaultLogger()</c> in production). Do not add a retry handler to it: the client already retries, and must
/// not resend a submit blindly.
/// </para>
/// <para>
/// The resilience pipeline: <c>configureResilience</c> extends the default one (it is called with a builder that already
/// holds the default strategies, see <see cref="JobsClientOptions.ConfigureResilience"/>); a
/// <see cref="ResiliencePipeline"/> registered as a keyed singleton under <see cref="ResiliencePipelineKey"/> replaces it
/// (unless <see cref="JobsClientOptions.ResiliencePipeline"/> is set in code).
/// </para>
/// <para>
/// Credentials: <see cref="CosQualityEstimate.Http.CosClientOptions.Credential"/> or <see cref="CosQualityEstimate.Http.CosClientOptions.CredentialProvider"/> set in code
/// win; otherwise the configuration overload reads <c>SecretId</c>, <c>SecretKey</c> and <c>SessionToken</c> from the section;
/// otherwise, when the <c>COS_SECRET_ID</c> environment variable is set, both overloads use
/// <see cref="CosQualityEstimate.Credentials.EnvironmentCosCredentialProvider"/> (a post-configure step that runs only when
/// neither credential option is set by then). Because <see cref="CosQualityEstimate.Http.CosClientOptions.CredentialProvider"/> wins over
/// <see cref="CosQualityEstimate.Http.CosClientOptions.Credential"/>, a <c>PostConfigure</c> registered after this call that sets only
/// <see cref="CosQualityEstimate.Http.CosClientOptions.Credential"/> loses to that environment fallback; set the credential in a <c>Configure</c> step
/// or set <see cref="CosQualityEstimate.Http.CosClientOptions.CredentialProvider"/> instead.
/// </para>
/// <para>
/// The overloads without a name register one unkeyed <see cref="JobsClient"/> (one bucket); call one of them once per
/// container. For several buckets, call the overloads that take a <c>name</c> once per bucket: each registers a keyed
/// <see cref="JobsClient"/> (resolve it with <c>[FromKeyedServices("name")]</c> or
/// <c>GetRequiredKeyedService&lt;JobsClient&gt;("name")</c>) with its own named <see cref="JobsClientOptions"/> and its own
/// HttpClient. Unkeyed and keyed registrations can be mixed in one container.
/// </para>
/// </remarks>
public static partial class CosQualityEstimateServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client the <see cref="JobsClient"/> sends with: <c>CosQualityEstimate</c>.</summary>
    public const string HttpClientName = "CosQualityEstimate";

    /// <summary>Service key of an optional keyed <see cref="ResiliencePipeline"/> that replaces the default pipeline: <c>CosQualityEstimate</c>.</summary>
    public const string ResiliencePipelineKey = "CosQualityEstimate";

    /// <summary>
    /// Registers a singleton <see cref="JobsClient"/> whose <see cref="JobsClientOptions"/> are bound from
    /// <paramref name="configuration"/> (for example <c>configuration.GetSection("CosQualityEstimate")</c>) and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The section holding <c>Bucket</c>, <c>Region</c>, <c>Endpoint</c>, <c>SignatureValidity</c>, <c>SessionTokenHeaderName</c>,
    /// <c>UserAgent</c>, <c>UseClientTokens</c>, <c>Retry:*</c> and optionally <c>SecretId</c>, <c>SecretKey</c>, <c>SessionToken</c>.
    /// </param>
    /// <param name="configureResilience">Extends the default resilience pipeline; <see langword="null"/> for the default alone.</param>
    /// <returns>The builder of the named HttpClient <see cref="HttpClientName"/>, to extend it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddCosQualityEstimate(this IServiceCollection services, IConfiguration configuration, Action<ResiliencePipelineBuilder>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<JobsClientOptions>().Bind(configuration);
        options.Configure(o => CosCredentialConfiguration.ApplySection(o, configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsClientOptions>>(new JobsClientOptionsValidation(configuration)));
        return AddCore(services, options, configureResilience, null);
    }

    /// <summary>Registers a singleton <see cref="JobsClient"/> whose <see cref="JobsClientOptions"/> are set by <paramref name="configure"/> and validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="configureResilience">Extends the default resilience pipeline; <see langword="null"/> for the default alone.</param>
    /// <returns>The builder of the named HttpClient <see cref="HttpClientName"/>, to extend it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddCosQualityEstimate(this IServiceCollection services, Action<JobsClientOptions> configure, Action<ResiliencePipelineBuilder>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = services.AddOptions<JobsClientOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsClientOptions>>(new JobsClientOptionsValidation(null)));
        return AddCore(services, options, configureResilience, null);
    }

    /// <param name="services">The service collection.</param>
    /// <param name="options">The options builder (named after <paramref name="name"/> for a keyed client).</param>
    /// <param name="configureResilience">Extends the default resilience pipeline.</param>
    /// <param name="name">The service key of a keyed client, or <see langword="null"/> for the unkeyed one.</param>
    private static IHttpClientBuilder AddCore(IServiceCollection services, OptionsBuilder<JobsClientOptions> options, Action<ResiliencePipelineBuilder>? configureResilience, string? name)
    {
        var pipelineKey = name is null ? ResiliencePipelineKey : ResiliencePipelineKey + ":" + name;
        var httpClientName = name is null ? HttpClientName : HttpClientName + ":" + name;
        if (configureResilience is not null)
        {
            options.Configure(o => o.ConfigureResilience += configureResilience);
        }

        options.PostConfigure<IServiceProvider>((o, provider) =>
        {
            CosCredentialConfiguration.ApplyEnvironmentFallback(o, Environment.GetEnvironmentVariable);
            o.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            if (ReferenceEquals(o.TimeProvider, TimeProvider.System) && provider.GetService<TimeProvider>() is { } time)
            {
                o.TimeProvider = time;
            }

            o.ResiliencePipeline ??= provider.GetKeyedService<ResiliencePipeline>(pipelineKey);
        });
        options.ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        if (name is null)
        {
            services.TryAddSingleton(static provider => new JobsClient(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                provider.GetRequiredService<IOptions<JobsClientOptions>>().Value));
            services.TryAddSingleton(static provider => provider.GetRequiredService<JobsClient>().Batches); // the same pipeline and options
        }
        else
        {
            services.AddKeyedSingleton(name, (provider, _) => new JobsClient(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
                provider.GetRequiredService<IOptionsMonitor<JobsClientOptions>>().Get(name)));
            services.AddKeyedSingleton(name, static (provider, key) => provider.GetRequiredKeyedService<JobsClient>(key).Batches);
        }

        return services.AddHttpClient(httpClientName)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            })
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(static _ => true)
            .RemoveAllLoggers()
            // App-wide handlers from ConfigureHttpClientDefaults (e.g. AddStandardResilienceHandler) run first and could
            // resend a paid submit below the client's own rules: drop them. Handlers added to the returned builder run later and stay.
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear());
    }
}
