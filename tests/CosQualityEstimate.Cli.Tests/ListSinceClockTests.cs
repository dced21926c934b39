using CosQualityEstimate.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary><c>cosqe list --since/--until</c> with an age read the host's clock, not the machine's.</summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class ListSinceClockTests : IAsyncLifetime
{
    private readonly QuiescentClock _clock = new(DateTimeOffset.UtcNow - TimeSpan.FromDays(30)); // far from the machine's clock
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync(_clock);

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _clock.Dispose();
    }

    [Fact]
    public async Task An_age_is_measured_on_the_host_clock()
    {
        var env = CliRun.EnvFor(_emulator);
        var submitted = await _clock.DriveAsync(CliRun.RunAsync(env, ["submit", "input/demo.mp4"], time: _clock));
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var jobId = System.Text.RegularExpressions.Regex.Match(submitted.Out + submitted.Error, "j[0-9a-f]{10,}").Value;
        Assert.NotEmpty(jobId);

        var recent = await _clock.DriveAsync(CliRun.RunAsync(env, ["list", "--since", "1h"], time: _clock));
        var old = await _clock.DriveAsync(CliRun.RunAsync(env, ["list", "--until", "1h"], time: _clock));

        Assert.True(recent.ExitCode == 0, recent.ToString());
        Assert.Contains(jobId, recent.Out, StringComparison.Ordinal);
        Assert.True(old.ExitCode == 0, old.ToString());
        Assert.DoesNotContain(jobId, old.Out, StringComparison.Ordinal);
    }
}
