using CosQualityEstimate.Emulator;
using CosQualityEstimate.Emulator.Faults;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Throttling proves a submit was not processed only when the library did not resend it after an ambiguous attempt.</summary>
public sealed class FailureTableResentTests
{
    [Fact]
    public void Throttling_without_a_resend_is_provably_not_processed()
    {
        Assert.True(FailureTable.ProvablyNotProcessed(new CosServiceException(429, "SlowDown", "slow down", "req", null)));
    }

    [Fact]
    public async Task Throttling_after_a_resend_keeps_the_key_in_doubt_read_from_the_typed_mark()
    {
        // The library's own path, no hand-made mark: the first send answers 500 (ambiguous, not resent blindly), the look-up
        // by client token proves no job, the resend is throttled. The CLI reads CosFailureInfo.Resent, not Exception.Data.
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions());
        emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError", null, "POST"));
        emulator.Faults.Enqueue(EmulatorFault.Status(429, "SlowDown", "0", "POST"));
        using var client = new JobsClient(new JobsClientOptions
        {
            Bucket = emulator.Bucket,
            Region = emulator.Region,
            Endpoint = emulator.Endpoint,
            Credential = emulator.Credential,
            UseClientTokens = true,
            Retry = new CosRetryOptions { MaxRetries = 0, ReconcileAttempts = 1, ReconcileDelay = TimeSpan.Zero },
        });

        var throttled = await Assert.ThrowsAsync<CosServiceException>(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4")));

        Assert.True(throttled.IsThrottling);
        Assert.True(CosFailureInfo.From(throttled)?.Resent);
        Assert.Equal("in/a.mp4", CosFailureInfo.From(throttled)?.ObjectKey);
        Assert.False(FailureTable.ProvablyNotProcessed(throttled));
        Assert.Empty(emulator.GetJobsSnapshot());
    }
}
