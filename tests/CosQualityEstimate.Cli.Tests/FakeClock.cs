using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A fake clock for tests that move it themselves (journal tests) and, through <see cref="DriveAsync{T}"/>, for
/// <c>BatchTests</c>, the one class not yet on <see cref="QuiescentClock"/> (which moves the clock only when nothing is
/// in flight and only to the next due wait): <see cref="DriveAsync{T}"/> races real time and is to go once it is converted.
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
