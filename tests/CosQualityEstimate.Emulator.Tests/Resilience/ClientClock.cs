using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Emulator.Tests.Resilience;

/// <summary>
/// The client's fake clock: a timer of at most <see cref="MaxAutoAdvance"/> (a retry backoff, a Retry-After wait, a
/// reconcile delay) is waited out at once by advancing the clock, and recorded in <see cref="Delays"/>; longer timers
/// (attempt and overall timeouts) never fire on their own. No real time passes.
/// </summary>
internal sealed class ClientClock : FakeTimeProvider
{
    private readonly List<TimeSpan> _delays = new();

    internal ClientClock(DateTimeOffset start, TimeSpan? maxAutoAdvance = null)
        : base(start)
    {
        MaxAutoAdvance = maxAutoAdvance ?? TimeSpan.FromSeconds(15);
    }

    internal TimeSpan MaxAutoAdvance { get; }

    /// <summary>The waits that were advanced through, in order.</summary>
    internal IReadOnlyList<TimeSpan> Delays
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
        if (dueTime > TimeSpan.Zero && dueTime <= MaxAutoAdvance)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            // Advance after the caller holds the timer, never inside CreateTimer.
            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}
