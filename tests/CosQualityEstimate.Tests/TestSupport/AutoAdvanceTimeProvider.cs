using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Tests.TestSupport;

/// <summary>
/// A FakeTimeProvider that jumps the clock forward whenever code starts waiting on it (Task.Delay with this provider),
/// so polling loops finish instantly and deterministically, and the waits they asked for are recorded.
/// </summary>
/// <remarks>
/// Only waits move the clock: a timer whose state is a <see cref="Task"/> is a <c>Task.Delay(…, timeProvider, …)</c>.
/// Timers of timeouts (Polly's per-attempt timeout, a <see cref="CancellationTokenSource"/>'s <c>CancelAfter</c>, a
/// polling <c>Timeout</c>) do not: they fire when waits move the clock past them. Advancing for those too raced the
/// code under test — an attempt's timeout jumped the clock by the whole timeout on a pool thread while the attempt was
/// in flight, so whether it timed out depended on which thread ran first.
/// </remarks>
internal sealed class AutoAdvanceTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _delays = new();

    public AutoAdvanceTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return _delays.ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is Task && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            // Advance after the caller has the timer in hand, never inside CreateTimer.
            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}
