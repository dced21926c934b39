using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Tests.TestSupport;

/// <summary>
/// A FakeTimeProvider that jumps the clock forward whenever code starts waiting on it (Task.Delay with this provider),
/// so polling loops finish instantly and deterministically, and the waits they asked for are recorded.
/// </summary>
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
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
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
