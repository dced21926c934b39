using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>A server-side batch that itself ends Failed or Cancel (or with a service error code) never exits 0.</summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class ServerSideBatchFailureTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly QuiescentClock _clock = QuiescentClock.StartingNow();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync(_clock);

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
        _clock.Dispose();
    }

    [Fact]
    public async Task A_batch_that_ends_Failed_exits_1_with_its_state_code_and_message_on_one_line()
    {
        var manifest = _dir.File("manifest.json");
        File.WriteAllText(manifest, "{\"fileFormat\":\"CSV\",\"fileSchema\":\"Bucket, Key\",\"files\":[{\"key\":\"inv/data/gone.csv\"}]}");
        using (var client = new JobsClient(new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential, TimeProvider = _clock }))
        {
            await client.Objects.UploadFileAsync(manifest, "inv/manifest.json");
        }

        var result = await _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--server-side", "--journal", _dir.File("f.db"), "--manifest", "inv/manifest.json", "--poll-interval", "20ms"], directory: _dir.Path, time: _clock));

        Assert.True(result.ExitCode == ExitCodes.JobFailed, result.ToString());
        var line = Assert.Single(result.Error.Split('\n'), l => l.StartsWith("cosqe:", StringComparison.Ordinal)); // besides progress lines
        Assert.Matches("^cosqe: batch b[0-9a-f]+ ended Failed \\(code InvalidManifest\\): .*inv/data/gone\\.csv", line);
        Assert.Equal(1, _emulator.BatchCount);
    }

    [Theory]
    [InlineData(JobState.Canceled, "Cancel", null, "ended Cancel")]
    [InlineData(JobState.Success, "Success", "InternalError", "ended Success (code InternalError)")]
    [InlineData(JobState.Failed, "Failed", "", "ended Failed")]
    public void A_canceled_batch_or_one_with_an_error_code_is_a_failure(JobState state, string raw, string? code, string expected)
    {
        var failure = ServerSideBatchRunner.FailureOf(new BatchJobDetail { JobId = "b1", State = state, RawState = raw, Code = code, Message = "why\nnot" });

        Assert.NotNull(failure);
        Assert.StartsWith("batch b1 " + expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Theory]
    [InlineData("Success")]
    [InlineData(null)]
    public void A_successful_batch_is_not_a_failure(string? code) =>
        Assert.Null(ServerSideBatchRunner.FailureOf(new BatchJobDetail { JobId = "b1", State = JobState.Success, RawState = "Success", Code = code }));
}
