using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CosQualityEstimate.Tests.DependencyInjection;

/// <summary>
/// <c>ValidateOnStart</c> checks the settings of <see cref="JobsClient.Objects"/> too (issue 13): the upload key prefix,
/// the object endpoint and what <see cref="JobsClientOptions.ConfigureObjects"/> produces fail the host's start, not the
/// first upload.
/// </summary>
public sealed class ObjectSettingsValidateOnStartTests
{
    private static IHost BuildHost(Action<JobsClientOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCosQualityEstimate(o =>
        {
            o.Bucket = "examplebucket-1250000000";
            o.Region = "ap-guangzhou";
            o.Credential = new CosCredential("AKIDstart00000000000000000000000", "startSecret000000000000000000000");
            configure(o);
        });
        return builder.Build();
    }

    public static TheoryData<string, Action<JobsClientOptions>> Mistakes => new()
    {
        { "UploadKeyPrefix \"videos//\" is not a valid key prefix", o => o.UploadKeyPrefix = "videos//" },
        { "ObjectsEndpoint must be an absolute http or https URI", o => o.ObjectsEndpoint = new Uri("ftp://cos.example.com/") },
        { "ConfigureObjects: MaxConcurrency must be between 1 and 64", o => o.ConfigureObjects = objects => objects.MaxConcurrency = 0 },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task ObjectSettingMistake_FailsTheHostsStartNamingTheSetting(string expected, Action<JobsClientOptions> mistake)
    {
        using var host = BuildHost(mistake);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(ex.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(typeof(JobsClientOptions), ex.OptionsType);
    }

    [Fact]
    public async Task ValidObjectSettings_HostStartsAndTheClientUsesThem()
    {
        using var host = BuildHost(o =>
        {
            o.ObjectsEndpoint = new Uri("https://cos-proxy.example.com/");
            o.ConfigureObjects = objects => objects.MaxConcurrency = 2;
        });

        await host.StartAsync();
        var client = host.Services.GetRequiredService<JobsClient>();

        Assert.Equal(new Uri("https://cos-proxy.example.com/"), client.Objects.Endpoint);
        await host.StopAsync();
    }
}
