using System.Diagnostics;
using System.Text.Json;
using CosQualityEstimate.Emulator;
using Xunit.Abstractions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe upload</c> is resumable end to end: a REAL cosqe process (the built cosqe.dll) is killed with SIGKILL while its
/// multipart upload is unfinished; the rerun resumes from the parts already stored instead of sending them again.
/// </summary>
public sealed class UploadKillResumeTests : IAsyncLifetime
{
    private const int Parts = 5;
    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;
    private CosEmulator _emulator = null!;

    public UploadKillResumeTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Kill_9_during_a_multipart_upload_then_the_same_command_resumes_it_and_submits_nothing()
    {
        var file = _dir.File("big.mp4");
        var bytes = new byte[(Parts * 1024 * 1024) - 12345]; // five 1 MiB parts, the last one short
        new Random(24).NextBytes(bytes);
        File.WriteAllBytes(file, bytes);

        // The multipart upload's first POST (initiate) goes through; its second (complete, sent only once every part was
        // acknowledged) hangs: the process is killed while the upload is unfinished and every part is stored.
        _emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "POST"));
        _emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromHours(1), "POST"));
        using (var first = Start(file))
        {
            var deadline = Stopwatch.StartNew();
            while (_emulator.Faults.PendingCount > 0 && !first.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(5);
            }

            var wasRunning = !first.HasExited;
            first.Kill(); // SIGKILL: no handler, no cleanup
            await first.WaitForExitAsync();
            _output.WriteLine(await first.StandardError.ReadToEndAsync());
            Assert.True(wasRunning, "the upload finished before the kill");
            Assert.Equal(137, first.ExitCode);
        }

        Assert.Equal(1, _emulator.PendingMultipartUploadCount); // left unfinished, parts stored
        Assert.Null(_emulator.OpenObject("up/big.mp4"));

        using var rerun = Start(file);
        var stdout = rerun.StandardOutput.ReadToEndAsync();
        var stderr = rerun.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await rerun.WaitForExitAsync(timeout.Token);
        }

        _output.WriteLine(await stderr);
        Assert.True(rerun.ExitCode == 0, $"exit {rerun.ExitCode}: {await stderr}");
        var row = Assert.Single(JsonDocument.Parse(await stdout).RootElement.EnumerateArray().ToList());
        Assert.Equal("up/big.mp4", row.GetProperty("key").GetString());
        Assert.False(row.GetProperty("skipped").GetBoolean());
        Assert.Equal(Parts, row.GetProperty("parts").GetInt32());
        Assert.Equal(Parts, row.GetProperty("resumedParts").GetInt32()); // nothing sent twice
        Assert.Equal(0, _emulator.PendingMultipartUploadCount);
        await using (var stored = _emulator.OpenObject("up/big.mp4")!)
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        Assert.Equal(0, _emulator.SubmittedJobCount);
    }

    private Process Start(string file)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { KillResumeTests.CosqeDll, "upload", file, "--prefix", "up/", "--part-size-mb", "1", "-o", "json" })
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
