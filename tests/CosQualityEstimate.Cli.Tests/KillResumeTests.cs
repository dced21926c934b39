using System.Diagnostics;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using Xunit.Abstractions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// The crash-safety guarantee end to end: a REAL <c>cosqe batch</c> process (the built cosqe.dll) is killed with SIGKILL
/// mid-run, several times, then rerun with the same journal; the emulator must hold exactly one job per key.
/// </summary>
public sealed class KillResumeTests : IAsyncLifetime
{
    private const int KeyCount = 300;
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;
    private CosEmulator _emulator = null!;

    public KillResumeTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() =>
        _emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { QueueDelay = TimeSpan.FromHours(1) });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    public static string CosqeDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "cosqe.dll");
            Assert.True(File.Exists(path), "cosqe.dll is not next to the tests (the test project references the CLI project): " + path);
            return path;
        }
    }

    [Fact]
    public async Task Kill_9_at_any_moment_never_leads_to_a_second_job_for_a_key()
    {
        var keys = Enumerable.Range(1, KeyCount).Select(i => $"catalog/title{i:0000}.mp4").ToArray();
        var keysFile = _dir.File("keys.txt");
        File.WriteAllLines(keysFile, keys);
        var journal = _dir.File("run.db");

        // Slow submits, and some responses lost after the job was created: kills land before, during and after sends,
        // and in the middle of the library's own reconciliation.
        _emulator.Faults.AddedLatency = TimeSpan.FromMilliseconds(25); // a batch of 300 takes about a second: room for the kills to land mid-run on a loaded machine
        _emulator.Faults.DropAfterProcessingRate = 0.1;

        foreach (var killAt in new[] { 15, 90, 180 })
        {
            using var process = Start(journal, keysFile);
            var deadline = Stopwatch.StartNew();
            while (_emulator.SubmittedJobCount < killAt && !process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(2);
            }

            var wasRunning = !process.HasExited;
            process.Kill(); // SIGKILL: no handler, no flush, no cleanup
            await process.WaitForExitAsync();
            _output.WriteLine($"killed at {_emulator.SubmittedJobCount} jobs (target {killAt}), running={wasRunning}, exit {process.ExitCode}");
            Assert.True(wasRunning, $"the batch finished before the kill at {killAt}: make it slower");
            Assert.Equal(137, process.ExitCode);
            Assert.True(_emulator.SubmittedJobCount < KeyCount);
        }

        _emulator.Faults.DropAfterProcessingRate = 0;
        using (var last = Start(journal, keysFile))
        {
            var stdout = last.StandardOutput.ReadToEndAsync();
            var stderr = last.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await last.WaitForExitAsync(timeout.Token);
            _output.WriteLine(await stdout);
            _output.WriteLine(await stderr);
            Assert.True(last.ExitCode == 0, $"exit {last.ExitCode}: {await stderr}");
            Assert.Equal($"{KeyCount} submitted, 0 succeeded, 0 failed, {KeyCount} pending; mode vqaPlus", (await stdout).Trim());
        }

        var jobs = EmulatorJobs.Snapshot(_emulator);
        Assert.Equal(KeyCount, _emulator.SubmittedJobCount);
        var perKey = jobs.GroupBy(j => j.Key!).ToDictionary(g => g.Key, g => g.Select(j => j.JobId).ToList());
        Assert.Equal(keys.Order(), perKey.Keys.Order());
        Assert.All(perKey, pair => Assert.Single(pair.Value));

        using var store = BatchJournal.Open(journal, create: false);
        Assert.All(store.ReadAll(), row => Assert.Equal(perKey[row.Key].Single(), row.JobId));
    }

    private Process Start(string journal, string keysFile)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CosqeDll, "batch", "--journal", journal, "--keys", keysFile, "--concurrency", "8", "--no-wait", "--reconcile-settle", "500ms" })
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
