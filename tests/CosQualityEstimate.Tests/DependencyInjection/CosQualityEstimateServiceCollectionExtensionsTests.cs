using CosQualityEstimate.Credentials;
using CosQualityEstimate.DependencyInjection;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace CosQualityEstimate.Tests.DependencyInjection;

public class CosQualityEstimateServiceCollectionExtensionsTests
{
    private const string SecretKey = "configSecretKey-0123456789abcdef";

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("CosQualityEstimate");

    private static Dictionary<string, string?> ValidValues() => new()
    {
        ["CosQualityEstimate:Bucket"] = "examplebucket-1250000000",
        ["CosQualityEstimate:Region"] = "ap-guangzhou",
        ["CosQualityEstimate:SecretId"] = "AKIDCONFIG000000000000000000000001",
        ["CosQualityEstimate:SecretKey"] = SecretKey,
    };

    private static ServiceProvider BuildProvider(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void AddCosQualityEstimate_ConfigurationSection_BindsEveryOptionIncludingRetryAndCredential()
    {
        var values = ValidValues();
        values["CosQualityEstimate:Endpoint"] = "http://127.0.0.1:9000/";
        values["CosQualityEstimate:SignatureValidity"] = "00:05:00";
        values["CosQualityEstimate:SessionTokenHeaderName"] = "x-ci-security-token";
        values["CosQualityEstimate:UserAgent"] = "my-app/1.0";
        values["CosQualityEstimate:UseClientTokens"] = "true";
        values["CosQualityEstimate:SessionToken"] = "config-session-token";
        values["CosQualityEstimate:Retry:MaxRetries"] = "5";
        values["CosQualityEstimate:Retry:Delay"] = "00:00:01";
        values["CosQualityEstimate:Retry:MaxDelay"] = "00:00:30";
        values["CosQualityEstimate:Retry:UseJitter"] = "false";
        values["CosQualityEstimate:Retry:AttemptTimeout"] = "00:00:10";
        values["CosQualityEstimate:Retry:OverallTimeout"] = "00:01:00";
        values["CosQualityEstimate:Retry:ReconcileDelay"] = "00:00:03";
        values["CosQualityEstimate:Retry:ReconcileAttempts"] = "4";
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(values)));

        var options = provider.GetRequiredService<IOptions<JobsClientOptions>>().Value;

        Assert.Equal("examplebucket-1250000000", options.Bucket);
        Assert.Equal("ap-guangzhou", options.Region);
        Assert.Equal(new Uri("http://127.0.0.1:9000/"), options.Endpoint);
        Assert.Equal(TimeSpan.FromMinutes(5), options.SignatureValidity);
        Assert.Equal("x-ci-security-token", options.SessionTokenHeaderName);
        Assert.Equal("my-app/1.0", options.UserAgent);
        Assert.True(options.UseClientTokens);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.MaxDelay);
        Assert.False(options.Retry.UseJitter);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Retry.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Retry.OverallTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.ReconcileDelay);
        Assert.Equal(4, options.Retry.ReconcileAttempts);
        Assert.NotNull(options.Credential);
        Assert.Equal("AKIDCONFIG000000000000000000000001", options.Credential.SecretId);
        Assert.Equal(SecretKey, options.Credential.SecretKey);
        Assert.Equal("config-session-token", options.Credential.SessionToken);
        Assert.Null(options.CredentialProvider);
    }

    [Fact]
    public void AddCosQualityEstimate_ConfigurationWithoutSessionToken_BindsPermanentCredential()
    {
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(ValidValues())));

        var options = provider.GetRequiredService<IOptions<JobsClientOptions>>().Value;

        Assert.Null(options.Credential!.SessionToken);
        Assert.Equal(new CosRetryOptions().MaxRetries, options.Retry.MaxRetries);
        Assert.Equal(JobsClientOptions.DefaultSignatureValidity, options.SignatureValidity);
    }

    [Fact]
    public void AddCosQualityEstimate_CredentialSetInCode_WinsOverConfiguration()
    {
        var code = new CosCredential("AKIDCODE0000000000000000000000001", "codeSecretKey");
        using var provider = BuildProvider(s =>
        {
            s.AddCosQualityEstimate(Section(ValidValues()));
            s.PostConfigure<JobsClientOptions>(o => o.Credential = code);
        });

        Assert.Same(code, provider.GetRequiredService<IOptions<JobsClientOptions>>().Value.Credential);
    }

    [Fact]
    public void AddCosQualityEstimate_ActionOverload_AppliesOptions()
    {
        var credential = new CosCredential("AKIDACTION000000000000000000000001", "actionSecretKey");
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(o =>
        {
            o.Bucket = "otherbucket-1250000001";
            o.Region = "ap-beijing";
            o.Credential = credential;
            o.Retry.MaxRetries = 1;
        }));

        var client = provider.GetRequiredService<JobsClient>();
        var options = provider.GetRequiredService<IOptions<JobsClientOptions>>().Value;

        Assert.Equal("otherbucket-1250000001", client.Bucket);
        Assert.Equal("ap-beijing", client.Region);
        Assert.Equal(new Uri("https://otherbucket-1250000001.ci.ap-beijing.myqcloud.com/"), client.Endpoint);
        Assert.Same(credential, options.Credential);
        Assert.Equal(1, options.Retry.MaxRetries);
    }

    [Fact]
    public void AddCosQualityEstimate_Resolved_JobsClientIsSingleton()
    {
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(ValidValues())));

        var first = provider.GetRequiredService<JobsClient>();
        using var scope = provider.CreateScope();

        Assert.Same(first, provider.GetRequiredService<JobsClient>());
        Assert.Same(first, scope.ServiceProvider.GetRequiredService<JobsClient>());
    }

    [Fact]
    public void AddCosQualityEstimate_Returns_BuilderOfNamedHttpClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddCosQualityEstimate(Section(ValidValues()));

        Assert.Equal(CosQualityEstimateServiceCollectionExtensions.HttpClientName, builder.Name);
        Assert.Equal("CosQualityEstimate", builder.Name);
    }

    [Fact]
    public void AddCosQualityEstimate_NamedHttpClient_HasInfiniteTimeoutAndSocketsHandlerWithoutDecompression()
    {
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(ValidValues())));

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(CosQualityEstimateServiceCollectionExtensions.HttpClientName);
        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(CosQualityEstimateServiceCollectionExtensions.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
        Assert.Equal(System.Net.DecompressionMethods.None, sockets.AutomaticDecompression);
    }

    [Fact]
    public void AddCosQualityEstimate_HttpClientFactoryLogging_RedactsEveryHeaderValue()
    {
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(ValidValues())));

        var factoryOptions = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(CosQualityEstimateServiceCollectionExtensions.HttpClientName);

        Assert.True(factoryOptions.ShouldRedactHeaderValue("Authorization"));
        Assert.True(factoryOptions.ShouldRedactHeaderValue("x-cos-security-token"));
        Assert.True(factoryOptions.ShouldRedactHeaderValue("x-ci-security-token"));
    }

    [Fact]
    public void AddCosQualityEstimate_ContainerServices_SupplyLoggerFactoryAndTimeProvider()
    {
        var time = new FakeTimeProvider();
        using var provider = BuildProvider(s =>
        {
            s.AddLogging();
            s.AddSingleton<TimeProvider>(time);
            s.AddCosQualityEstimate(Section(ValidValues()));
        });

        var options = provider.GetRequiredService<IOptions<JobsClientOptions>>().Value;

        Assert.Same(time, options.TimeProvider);
        Assert.Same(provider.GetRequiredService<ILoggerFactory>(), options.LoggerFactory);
    }

    [Fact]
    public void AddCosQualityEstimate_NoTimeProviderRegistered_UsesSystemClock()
    {
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(ValidValues())));

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<IOptions<JobsClientOptions>>().Value.TimeProvider);
    }

    [Fact]
    public void AddCosQualityEstimate_ConfigureResilience_IsInvokedWhenTheClientIsBuilt()
    {
        var calls = 0;
        ResiliencePipelineBuilder? seen = null;
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(Section(ValidValues()), builder =>
        {
            calls++;
            seen = builder;
        }));

        Assert.Equal(0, calls);
        _ = provider.GetRequiredService<JobsClient>();
        _ = provider.GetRequiredService<JobsClient>();

        Assert.Equal(1, calls);
        Assert.NotNull(seen);
    }

    [Fact]
    public void AddCosQualityEstimate_ConfigureResilienceAndOptionsHook_BothInvoked()
    {
        var order = new List<string>();
        using var provider = BuildProvider(s => s.AddCosQualityEstimate(
            o =>
            {
                o.Bucket = "examplebucket-1250000000";
                o.Region = "ap-guangzhou";
                o.Credential = new CosCredential("AKIDACTION000000000000000000000001", "actionSecretKey");
                o.ConfigureResilience = _ => order.Add("options");
            },
            _ => order.Add("parameter")));

        _ = provider.GetRequiredService<JobsClient>();

        Assert.Equal(["options", "parameter"], order);
    }

    [Fact]
    public void AddCosQualityEstimate_KeyedResiliencePipeline_ReplacesDefault()
    {
        var replacement = new ResiliencePipelineBuilder().Build();
        var extended = false;
        using var provider = BuildProvider(s =>
        {
            s.AddKeyedSingleton(CosQualityEstimateServiceCollectionExtensions.ResiliencePipelineKey, replacement);
            s.AddCosQualityEstimate(Section(ValidValues()), _ => extended = true);
        });

        _ = provider.GetRequiredService<JobsClient>();

        Assert.Same(replacement, provider.GetRequiredService<IOptions<JobsClientOptions>>().Value.ResiliencePipeline);
        Assert.False(extended);
    }

    [Fact]
    public async Task AddCosQualityEstimate_MissingBucket_FailsAtStartNamingTheOption()
    {
        var values = ValidValues();
        values.Remove("CosQualityEstimate:Bucket");
        using var host = BuildHost(s => s.AddCosQualityEstimate(Section(values)));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Bucket is required", ex.Message);
        Assert.Equal(typeof(JobsClientOptions), ex.OptionsType);
    }

    [Fact]
    public async Task AddCosQualityEstimate_InvalidRetryAndRegion_FailsAtStartListingEveryProblem()
    {
        var values = ValidValues();
        values["CosQualityEstimate:Region"] = "AP Beijing";
        values["CosQualityEstimate:Retry:MaxRetries"] = "50";
        using var host = BuildHost(s => s.AddCosQualityEstimate(Section(values)));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(ex.Failures, f => f.Contains("Region \"AP Beijing\" must contain only lowercase letters"));
        Assert.Contains(ex.Failures, f => f.Contains("Retry.MaxRetries must be between 0 and 10"));
    }

    [Fact]
    public async Task AddCosQualityEstimate_SecretIdWithoutSecretKey_FailsAtStartWithoutRevealingValues()
    {
        var values = ValidValues();
        values.Remove("CosQualityEstimate:SecretKey");
        values["CosQualityEstimate:SessionToken"] = "half-configured-token";
        using var host = BuildHost(s => s.AddCosQualityEstimate(Section(values)));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SecretKey is required when SecretId is configured (configuration key \"CosQualityEstimate:SecretKey\")", ex.Message);
        Assert.DoesNotContain("AKIDCONFIG", ex.Message);
        Assert.DoesNotContain("half-configured-token", ex.Message);
    }

    [Fact]
    public async Task AddCosQualityEstimate_ActionOverloadInvalid_FailsAtStart()
    {
        using var host = BuildHost(s => s.AddCosQualityEstimate(o =>
        {
            o.Bucket = "examplebucket-1250000000";
            o.Region = "ap-guangzhou";
            o.Credential = new CosCredential("AKIDACTION000000000000000000000001", "actionSecretKey");
            o.SignatureValidity = TimeSpan.FromSeconds(5);
        }));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SignatureValidity must be between 1 minute and 24 hours", ex.Message);
    }

    [Fact]
    public async Task AddCosQualityEstimate_ValidOptions_HostStartsAndStops()
    {
        using var host = BuildHost(s => s.AddCosQualityEstimate(Section(ValidValues())));

        await host.StartAsync();
        Assert.NotNull(host.Services.GetRequiredService<JobsClient>());
        await host.StopAsync();
    }

    [Fact]
    public void AddCosQualityEstimate_NullArguments_Throw()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentNullException>(() => services.AddCosQualityEstimate((IConfiguration)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddCosQualityEstimate((Action<JobsClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddCosQualityEstimate(_ => { }));
    }

    [Fact]
    public void ApplyEnvironmentFallback_SecretIdSet_UsesEnvironmentProvider()
    {
        var options = new JobsClientOptions();
        var environment = new Dictionary<string, string?> { ["COS_SECRET_ID"] = "AKIDENV", ["COS_SECRET_KEY"] = "envKey" };

        CosCredentialConfiguration.ApplyEnvironmentFallback(options, name => environment.GetValueOrDefault(name));

        Assert.IsType<EnvironmentCosCredentialProvider>(options.CredentialProvider);
    }

    [Fact]
    public void ApplyEnvironmentFallback_CredentialConfigured_KeepsIt()
    {
        var credential = new CosCredential("AKIDCODE", "codeKey");
        var options = new JobsClientOptions { Credential = credential };

        CosCredentialConfiguration.ApplyEnvironmentFallback(options, _ => "set");

        Assert.Same(credential, options.Credential);
        Assert.Null(options.CredentialProvider);
    }

    [Fact]
    public void ApplyEnvironmentFallback_SecretIdNotSet_LeavesCredentialEmpty()
    {
        var options = new JobsClientOptions();

        CosCredentialConfiguration.ApplyEnvironmentFallback(options, _ => null);

        Assert.Null(options.CredentialProvider);
        Assert.Null(options.Credential);
    }

    private static IHost BuildHost(Action<IServiceCollection> register)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        register(builder.Services);
        return builder.Build();
    }

    [Fact]
    public void AddCosQualityEstimate_AppWideDefaultHandler_IsRemovedButHandlersAddedToTheBuilderStay()
    {
        using var provider = BuildProvider(s =>
        {
            s.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new MarkerHandler("app-wide")));
            s.AddCosQualityEstimate(Section(ValidValues())).AddHttpMessageHandler(() => new MarkerHandler("mine"));
        });

        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(CosQualityEstimateServiceCollectionExtensions.HttpClientName);
        var markers = new List<string>();
        while (handler is DelegatingHandler delegating)
        {
            if (delegating is MarkerHandler marker)
            {
                markers.Add(marker.Name);
            }

            handler = delegating.InnerHandler!;
        }

        Assert.Equal(new[] { "mine" }, markers);
    }

    private sealed class MarkerHandler(string name) : DelegatingHandler
    {
        public string Name { get; } = name;
    }
}
