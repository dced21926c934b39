using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A fake clock for tests that move it themselves (journal tests). Tests that run a command to its end drive their clock
/// with <see cref="QuiescentClock"/>, which moves it only when nothing is in flight and only to the next due wait.
/// </summary>
internal static class FakeClock
{
    /// <summary>A fake clock starting at the real time (so journaled times look plausible).</summary>
    public static FakeTimeProvider StartingNow() => new(DateTimeOffset.UtcNow);
}
