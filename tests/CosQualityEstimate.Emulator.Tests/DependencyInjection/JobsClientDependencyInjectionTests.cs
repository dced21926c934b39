using CosQualityEstimate.Emulator.Tests.Observability;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CosQualityEstimate.Emulator.Tests.DependencyInjection;

public class JobsClientDependencyInjectionTests
{
    [Fact]
    public async Task AddCosQualityEstimate_ConfiguredForEmulator_SubmitsAndFollowsJobWithoutLoggingSecrets()
    {
        await using var emu = await TestEmulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CosQualityEstimate:Bucket"] = emu.Emulator.Bucket,
            ["CosQualityEstimate:Region"] = emu.Emulator.Region,
            ["CosQualityEstimate:Endpoint"] = emu.Emulator.Endpoint.ToString(),
            ["CosQualityEstimate:SecretId"] = emu.Emulator.Credential.SecretId,
            ["CosQualityEstimate:SecretKey"] = emu.Emulator.Credential.SecretKey,
            ["CosQualityEstimate:Retry:MaxRetries"] = "2",
        }).Build();
        using var logs = new FakeLoggerProvider();
        var resilienceConfigured = 0;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(emu.Time);
        builder.Services.AddCosQualityEstimate(configuration.GetSection("CosQualityEstimate"), _ => Interlocked.Increment(ref resilienceConfigured));
        using var host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<JobsClient>();
        Assert.Same(client, host.Services.GetRequiredService<JobsClient>());
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/di.mp4"));
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", "0", "GET"));
        var done = await client.GetJobAsync(job.JobId);
        await host.StopAsync();

        Assert.Equal(JobState.Success, done.State);
        Assert.Equal(1, resilienceConfigured);
        var records = logs.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Category == "CosQualityEstimate" && r.Id.Name == "JobSubmitted");
        Assert.Contains(records, r => r.Category == "CosQualityEstimate" && r.Id.Name == "Retrying");
        // The factory's own header logging would expose the Authorization header in its structured state: it is removed.
        Assert.DoesNotContain(records, r => r.Category is not null && r.Category.StartsWith("System.Net.Http.HttpClient.CosQualityEstimate", StringComparison.Ordinal));
        SecretScanner.AssertNoSecrets(records, [emu.Emulator.Credential.SecretKey, "q-signature", "q-sign-algorithm"]);
    }
}
