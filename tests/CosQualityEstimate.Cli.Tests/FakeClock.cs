using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A fake clock shared by the emulator, the CLI's client, the batch and its journal. Time moves only when a test moves
/// it, so an outcome never depends on how fast the machine is: a settle, a lease, a poll interval or a timeout passes
/// exactly when the test says so.
/// </summary>
internal static class FakeClock
{
    /// <summary>A fake clock starting at the real time (so journaled times look plausible).</summary>
    public static FakeTimeProvider StartingNow() => new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Moves <paramref name="clock"/> forward by <paramref name="step"/> (default 10 ms) whenever <paramref name="run"/>
    /// is waiting, until it completes. Only how many steps it takes depends on the machine, never what happens.
    /// </summary>
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider clock, Task<T> run, TimeSpan? step = null)
    {
        while (!run.IsCompleted)
        {
            clock.Advance(step ?? TimeSpan.FromMilliseconds(10));
            await Task.WhenAny(run, Task.Delay(1)).ConfigureAwait(false);
        }

        return await run.ConfigureAwait(false);
    }
}
