using CosQualityEstimate.Jobs;
using CosQualityEstimate.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.DependencyInjection;

/// <summary>One container, several buckets: keyed <see cref="JobsClient"/>s with named options and their own HttpClients.</summary>
public sealed class KeyedClientsTests : IDisposable
{
    private readonly WireMockService _archive = new();
    private readonly WireMockService _live = new();

    public void Dispose()
    {
        _archive.Dispose();
        _live.Dispose();
    }

    private static void ServeJob(WireMockService service, string jobId) =>
        service.Server.Given(Request.Create().WithPath("/jobs/" + jobId).UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody($"<Response><JobsDetail><JobId>{jobId}</JobId><State>Running</State></JobsDetail></Response>"));

    private static void Configure(JobsClientOptions options, WireMockService service, string bucket)
    {
        options.Bucket = bucket;
        options.Region = "ap-beijing";
        options.Endpoint = service.Endpoint;
        options.Credential = WireMockService.Credential;
    }

    private static ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task TwoBuckets_EachKeyedClient_UsesItsOwnOptionsAndHttpClient()
    {
        ServeJob(_archive, "ja");
        ServeJob(_live, "jl");
        using var provider = Build(s =>
        {
            s.AddCosQualityEstimate("archive", o => Configure(o, _archive, "archive-1250000000"))
                .AddHttpMessageHandler(() => new HeaderHandler("x-test-client", "archive"));
            s.AddCosQualityEstimate("live", o => Configure(o, _live, "live-1250000000"))
                .AddHttpMessageHandler(() => new HeaderHandler("x-test-client", "live"));
        });

        var archive = provider.GetRequiredKeyedService<JobsClient>("archive");
        var live = provider.GetRequiredKeyedService<JobsClient>("live");

        Assert.NotSame(archive, live);
        Assert.Same(archive, provider.GetRequiredKeyedService<JobsClient>("archive"));
        Assert.Equal("archive-1250000000", archive.Bucket);
        Assert.Equal("live-1250000000", live.Bucket);
        Assert.Equal("ja", (await archive.GetJobAsync("ja")).JobId);
        Assert.Equal("jl", (await live.GetJobAsync("jl")).JobId);
        Assert.Equal("archive", Assert.Single(_archive.Requests).RequestMessage.Headers!["x-test-client"].Single());
        Assert.Equal("live", Assert.Single(_live.Requests).RequestMessage.Headers!["x-test-client"].Single());
    }

    [Fact]
    public void KeyedClients_FromKeyedServicesAttribute_InjectsEach()
    {
        using var provider = Build(s =>
        {
            s.AddCosQualityEstimate("archive", o => Configure(o, _archive, "archive-1250000000"));
            s.AddCosQualityEstimate("live", o => Configure(o, _live, "live-1250000000"));
            s.AddSingleton<TwoBuckets>();
        });

        var consumer = provider.GetRequiredService<TwoBuckets>();

        Assert.Equal("archive-1250000000", consumer.Archive.Bucket);
        Assert.Equal("live-1250000000", consumer.Live.Bucket);
    }

    [Fact]
    public void UnkeyedAndKeyed_InOneContainer_BothResolveWithTheirOwnOptions()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Live:Bucket"] = "live-1250000000",
            ["Live:Region"] = "ap-shanghai",
            ["Live:SecretId"] = "AKIDLIVE00000000000000000000000001",
            ["Live:SecretKey"] = "liveSecretKey-0123456789abcdef",
        }).Build().GetSection("Live");
        using var provider = Build(s =>
        {
            s.AddCosQualityEstimate(o => Configure(o, _archive, "default-1250000000"));
            s.AddCosQualityEstimate("live", section);
        });

        var unkeyed = provider.GetRequiredService<JobsClient>();
        var keyed = provider.GetRequiredKeyedService<JobsClient>("live");

        Assert.Equal("default-1250000000", unkeyed.Bucket);
        Assert.Equal("live-1250000000", keyed.Bucket);
        Assert.Equal("ap-shanghai", keyed.Region);
        Assert.Equal("default-1250000000", provider.GetRequiredService<IOptions<JobsClientOptions>>().Value.Bucket);
        Assert.Equal("live-1250000000", provider.GetRequiredService<IOptionsMonitor<JobsClientOptions>>().Get("live").Bucket);
    }

    [Fact]
    public async Task KeyedClient_InvalidOptions_FailsAtStartAndTheOtherClientIsNotBlamed()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCosQualityEstimate("archive", o => Configure(o, _archive, "archive-1250000000"));
        builder.Services.AddCosQualityEstimate("live", o =>
        {
            Configure(o, _live, "live-1250000000");
            o.Region = null;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("live", ex.OptionsName);
        Assert.Contains(ex.Failures, f => f.Contains("Region is required", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Failures, f => f.Contains("Bucket", StringComparison.Ordinal));
    }

    [Fact]
    public void KeyedClient_ReturnedBuilder_IsTheClientsOwnNamedHttpClient()
    {
        var services = new ServiceCollection();

        var archive = services.AddCosQualityEstimate("archive", o => Configure(o, _archive, "archive-1250000000"));
        var live = services.AddCosQualityEstimate("live", o => Configure(o, _live, "live-1250000000"));
        var unkeyed = services.AddCosQualityEstimate(o => Configure(o, _live, "default-1250000000"));

        Assert.Equal("CosQualityEstimate:archive", archive.Name);
        Assert.Equal("CosQualityEstimate:live", live.Name);
        Assert.Equal(CosQualityEstimateServiceCollectionExtensions.HttpClientName, unkeyed.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AddCosQualityEstimate_BlankName_Throws(string name)
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddCosQualityEstimate(name, _ => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddCosQualityEstimate((string)null!, _ => { }));
    }

    [Fact]
    public async Task Container_Disposed_DisposesKeyedClients()
    {
        var provider = Build(s => s.AddCosQualityEstimate("archive", o => Configure(o, _archive, "archive-1250000000")));
        var client = provider.GetRequiredKeyedService<JobsClient>("archive");

        provider.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetJobAsync("ja"));
    }

    private sealed class TwoBuckets([FromKeyedServices("archive")] JobsClient archive, [FromKeyedServices("live")] JobsClient live)
    {
        public JobsClient Archive { get; } = archive;

        public JobsClient Live { get; } = live;
    }

    private sealed class HeaderHandler(string name, string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
