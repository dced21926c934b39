using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A rerun of <c>cosqe batch --server-side</c> after kill -9 during the library's create: the dead run's create may be
/// resent by the library within the client's retry window after the recorded send, so "not found by name" proves nothing
/// until that window and the settle time passed; a create answered with success but unreadably is never created again.
/// </summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class ServerSideCreateWindowTests : IAsyncLifetime
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

    private string Journal => _dir.File("server.db");

    [Fact]
    public async Task A_rerun_waits_out_the_dead_runs_resend_window_and_finds_the_resent_batch()
    {
        await ServerSideBatchTests.UploadAsync(_emulator, _clock, _dir, ["rw/a.mp4", "rw/b.mp4"]);
        var name = DeadRunJournal(probablyCreated: false);
        using var client = NewClient();
        var resendAt = _clock.GetUtcNow() + TimeSpan.FromSeconds(60); // the dead run's library resend, 60 s after the recorded send

        var run = CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--server-side", "--journal", Journal, "--poll-interval", "20ms"], directory: _dir.Path, time: _clock);
        await _clock.DriveUntilAsync(run, resendAt); // the rerun, parked at the resend time, must still be waiting
        Assert.False(run.IsCompleted, "the rerun ended before the dead run's resend window closed");
        await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest(name, BatchJobInput.FromPrefix("rw/")));
        var result = await _clock.DriveAsync(run);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 submitted, 2 succeeded, 0 failed, 0 pending; mode general: score only — findings not measured", result.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);
    }

    [Fact]
    public async Task A_batch_probably_created_by_an_earlier_run_is_never_created_again()
    {
        await ServerSideBatchTests.UploadAsync(_emulator, _clock, _dir, ["pc/a.mp4"]);
        DeadRunJournal(probablyCreated: true);

        var result = await _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--server-side", "--journal", Journal], directory: _dir.Path, time: _clock));

        Assert.True(result.ExitCode == 4, result.ToString());
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Contains("probably created", line, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.BatchCount);
    }

    /// <summary>The journal a run killed during its create leaves: name, input and send time committed, no batch id.</summary>
    private string DeadRunJournal(bool probablyCreated)
    {
        var name = ServerSideBatchRunner.NewName();
        using var store = BatchJournal.OpenServerSide(Journal, _clock);
        var batches = store.ServerBatch!;
        batches.Intend(name, "Prefix", probablyCreated ? "pc/" : "rw/");
        Assert.True(batches.TryClaimCreate(name, null));
        if (probablyCreated)
        {
            batches.RecordProbablyCreated(name);
        }

        return name;
    }

    private JobsClient NewClient() => new(new JobsClientOptions
    {
        Bucket = _emulator.Bucket,
        Region = _emulator.Region,
        Endpoint = _emulator.Endpoint,
        Credential = _emulator.Credential,
        TimeProvider = _clock,
    });
}
