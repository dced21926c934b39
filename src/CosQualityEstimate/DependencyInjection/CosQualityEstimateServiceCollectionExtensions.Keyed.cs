using CosQualityEstimate.DependencyInjection;
using CosQualityEstimate.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

// Keyed registrations: one JobsClient per bucket, each with named options and its own HttpClient.
public static partial class CosQualityEstimateServiceCollectionExtensions
{
    /// <summary>
    /// Registers a keyed singleton <see cref="JobsClient"/> under <paramref name="name"/>, with <see cref="JobsClientOptions"/>
    /// named <paramref name="name"/> bound from <paramref name="configuration"/> and validated at start-up. Resolve it with
    /// <c>[FromKeyedServices("name")] JobsClient client</c> or <c>provider.GetRequiredKeyedService&lt;JobsClient&gt;("name")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key and options name, for example <c>"archive"</c>; one per bucket.</param>
    /// <param name="configuration">The section holding this client's settings (as for the unkeyed overload).</param>
    /// <param name="configureResilience">Extends the default resilience pipeline; <see langword="null"/> for the default alone.</param>
    /// <returns>
    /// The builder of this client's own named HttpClient, <c>CosQualityEstimate:&lt;name&gt;</c>, to extend it. A
    /// <see cref="ResiliencePipeline"/> registered as a keyed singleton under <c>CosQualityEstimate:&lt;name&gt;</c> replaces this
    /// client's default pipeline.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="name"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    public static IHttpClientBuilder AddCosQualityEstimate(this IServiceCollection services, string name, IConfiguration configuration, Action<ResiliencePipelineBuilder>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<JobsClientOptions>(name).Bind(configuration);
        options.Configure(o => CosCredentialConfiguration.ApplySection(o, configuration));
        services.AddSingleton<IValidateOptions<JobsClientOptions>>(new JobsClientOptionsValidation(configuration, name));
        return AddCore(services, options, configureResilience, name);
    }

    /// <summary>
    /// Registers a keyed singleton <see cref="JobsClient"/> under <paramref name="name"/>, with <see cref="JobsClientOptions"/>
    /// named <paramref name="name"/> set by <paramref name="configure"/> and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key and options name, for example <c>"archive"</c>; one per bucket.</param>
    /// <param name="configure">Sets this client's options.</param>
    /// <param name="configureResilience">Extends the default resilience pipeline; <see langword="null"/> for the default alone.</param>
    /// <returns>The builder of this client's own named HttpClient, <c>CosQualityEstimate:&lt;name&gt;</c>, to extend it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="name"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    public static IHttpClientBuilder AddCosQualityEstimate(this IServiceCollection services, string name, Action<JobsClientOptions> configure, Action<ResiliencePipelineBuilder>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var options = services.AddOptions<JobsClientOptions>(name).Configure(configure);
        services.AddSingleton<IValidateOptions<JobsClientOptions>>(new JobsClientOptionsValidation(null, name));
        return AddCore(services, options, configureResilience, name);
    }
}
