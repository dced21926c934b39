using System.Diagnostics;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>cosqe batch --server-side against the emulator's /inventorytriggerjob: one batch per journal, its jobs collected one row per object.</summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class ServerSideBatchTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly QuiescentClock _clock = QuiescentClock.StartingNow();
    private readonly ITestOutputHelper _output;
    private CosEmulator _emulator = null!;

    public ServerSideBatchTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync(_clock);

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
        _clock.Dispose();
    }

    private string Journal => _dir.File("server.db");

    private Task<CliResult> Batch(params string[] extra) =>
        _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--server-side", "--journal", Journal, "--poll-interval", "20ms", .. extra], directory: _dir.Path, time: _clock));

    [Fact]
    public async Task Prefix_creates_one_batch_and_collects_one_row_per_object_rerun_creates_nothing()
    {
        await UploadAsync(_emulator, _clock, _dir, Enumerable.Range(1, 12).Select(i => $"show/ep{i:00}.mp4").Append("show/fail-ep13.mp4").Append("other/x.mp4"));

        var result = await Batch("--prefix", "show/");

        Assert.True(result.ExitCode == 1, result.ToString()); // one object fails (the emulator fails keys containing "fail")
        Assert.Equal("13 submitted, 12 succeeded, 1 failed, 0 pending; mode general: score only — findings not measured", result.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);
        Assert.Equal(13, _emulator.SubmittedJobCount);
        using (var store = BatchJournal.OpenServerSide(Journal, TimeProvider.System))
        {
            var rows = store.ReadAll();
            Assert.Equal(13, rows.Count);
            Assert.All(rows, row => Assert.NotNull(row.JobId));
            Assert.All(rows.Where(r => !r.Key.Contains("fail")), row => Assert.NotNull(row.Score));
        }

        var again = await Batch("--prefix", "show/");
        Assert.Equal("13 submitted, 12 succeeded, 1 failed, 0 pending; mode general: score only — findings not measured", again.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);
        Assert.Equal(13, _emulator.SubmittedJobCount);

        var export = await _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), ["export", "--journal", Journal, "--format", "csv"], directory: _dir.Path, time: _clock));
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(14, export.Out.Trim().Split('\n').Length); // header + one line per object
    }

    [Fact]
    public async Task No_wait_returns_after_creation_and_a_later_run_collects()
    {
        await UploadAsync(_emulator, _clock, _dir, ["nw/a.mp4", "nw/b.mp4", "nw/c.mp4"]);

        var created = await Batch("--prefix", "nw/", "--no-wait");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Matches("^batch b[0-9a-f]+ \\(cosqe-[0-9a-f]{32}\\) created; rerun the same command to collect its jobs\\.$", created.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);

        var collected = await Batch();

        Assert.True(collected.ExitCode == 0, collected.ToString());
        Assert.Equal("3 submitted, 3 succeeded, 0 failed, 0 pending; mode general: score only — findings not measured", collected.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);
    }

    [Fact]
    public async Task Keys_become_one_batch_over_a_url_file_in_the_bucket()
    {
        await UploadAsync(_emulator, _clock, _dir, ["k/a b.mp4", "k/c.mp4", "k/not-listed.mp4"]);
        var keys = _dir.File("keys.txt");
        File.WriteAllLines(keys, ["k/a b.mp4", "# comment", "k/c.mp4", "k/c.mp4"]);

        var result = await Batch("--keys", keys);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 submitted, 2 succeeded, 0 failed, 0 pending; mode general: score only — findings not measured", result.Out.Trim());
        Assert.Equal(1, _emulator.BatchCount);
        Assert.Contains(_emulator.GetObjectsSnapshot(), o => o.Key.StartsWith("cosqe-uploads/server-side/cosqe-", StringComparison.Ordinal) && o.Key.EndsWith(".urls", StringComparison.Ordinal));
        using var store = BatchJournal.OpenServerSide(Journal, TimeProvider.System);
        Assert.Equal(new[] { "k/a b.mp4", "k/c.mp4" }, store.ReadAll().Select(r => r.Key).Order().ToArray());
    }

    [Theory]
    [InlineData("--keys", "k.txt")]
    [InlineData("--manifest", "m.json")]
    [InlineData("--mode", "general")]
    [InlineData("--rotate", "90")]
    public async Task Conflicting_or_unsupported_options_exit_2_before_anything_is_sent(string option, string value)
    {
        File.WriteAllText(_dir.File("k.txt"), "a.mp4\n");

        var result = await Batch("--prefix", "p/", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(0, _emulator.BatchCount);
    }

    [Fact]
    public async Task A_journal_of_another_input_or_a_client_side_batch_is_refused()
    {
        await UploadAsync(_emulator, _clock, _dir, ["in/a.mp4"]);
        Assert.Equal(0, (await Batch("--prefix", "in/", "--no-wait")).ExitCode);

        var other = await Batch("--prefix", "elsewhere/");
        var clientSide = await _clock.DriveAsync(CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--journal", Journal, "--prefix", "in/"], directory: _dir.Path, time: _clock));

        Assert.Equal(2, other.ExitCode);
        Assert.Contains("holds the server-side batch", other.Error);
        Assert.Equal(2, clientSide.ExitCode);
        Assert.Contains("holds a server-side batch; continue it with cosqe batch --server-side", clientSide.Error);
        Assert.Equal(1, _emulator.BatchCount);
    }

    /// <summary>Uploads a tiny object per key through the library (signed on <paramref name="time"/>).</summary>
    internal static async Task UploadAsync(CosEmulator emulator, TimeProvider time, TempDir dir, IEnumerable<string> keys)
    {
        var file = dir.File("object.bin");
        File.WriteAllText(file, "not a video");
        using var client = new JobsClient(new JobsClientOptions
        {
            Bucket = emulator.Bucket,
            Region = emulator.Region,
            Endpoint = emulator.Endpoint,
            Credential = emulator.Credential,
            TimeProvider = time,
        });
        foreach (var key in keys)
        {
            await client.Objects.UploadFileAsync(file, key);
        }
    }
}

/// <summary>
/// The crash-safety guarantee of --server-side with a REAL cosqe process: killed with SIGKILL right after its create
/// request reached the service (before or after the answer), then rerun: exactly one batch exists, its jobs collected.
/// </summary>
public sealed class ServerSideKillTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;
    private CosEmulator _emulator = null!;

    public ServerSideKillTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Kill_9_right_after_the_create_leaves_then_rerun_leaves_exactly_one_batch(bool dropAnswer)
    {
        await ServerSideBatchTests.UploadAsync(_emulator, TimeProvider.System, _dir, Enumerable.Range(1, 20).Select(i => $"kill/v{i:00}.mp4"));
        var journal = _dir.File("kill.db");
        if (dropAnswer)
        {
            // The create is processed and its answer lost: the kill lands while the library looks the batch up by name.
            _emulator.Faults.Enqueue(EmulatorFault.DropAfterProcessing("POST"));
        }

        using (var process = Start(journal))
        {
            var deadline = Stopwatch.StartNew();
            while (_emulator.BatchCount == 0 && !process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(1);
            }

            var wasRunning = !process.HasExited;
            process.Kill(); // SIGKILL right after the create arrived: the answer may or may not have been read
            await process.WaitForExitAsync();
            _output.WriteLine($"killed with {_emulator.BatchCount} batch(es), running={wasRunning}");
            Assert.True(wasRunning, "the run ended before the kill");
            Assert.Equal(1, _emulator.BatchCount);
        }

        _emulator.Faults.Reset();
        using (var rerun = Start(journal))
        {
            var stdout = rerun.StandardOutput.ReadToEndAsync();
            var stderr = rerun.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await rerun.WaitForExitAsync(timeout.Token);
            Assert.True(rerun.ExitCode == 0, $"exit {rerun.ExitCode}: {await stderr}");
            Assert.Equal("20 submitted, 20 succeeded, 0 failed, 0 pending; mode general: score only — findings not measured", (await stdout).Trim());
        }

        Assert.Equal(1, _emulator.BatchCount);
        Assert.Equal(20, _emulator.SubmittedJobCount);
        using var store = BatchJournal.OpenServerSide(journal, TimeProvider.System);
        Assert.Equal(20, store.ReadAll().Select(r => r.JobId).Distinct().Count());
    }

    private Process Start(string journal)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { KillResumeTests.CosqeDll, "batch", "--server-side", "--journal", journal, "--prefix", "kill/", "--poll-interval", "50ms", "--reconcile-settle", "1s" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("COS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in CliRun.EnvFor(_emulator))
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }
}
