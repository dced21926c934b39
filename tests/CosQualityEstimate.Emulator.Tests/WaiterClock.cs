using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Emulator.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every wait code starts on it: a timer whose state is a
/// <see cref="Task"/> is a <c>Task.Delay(…, timeProvider, …)</c>, something waiting for time to pass. Timers of timeouts
/// (a <see cref="CancellationTokenSource"/>'s, Polly's) and of the emulator's own job progression are not waits and are
/// never reported. <see cref="DriveAsync{T}"/> moves the clock by exactly the waits the code asks for, each after the
/// code has started it, so the clock never moves while a request is in flight and no outcome depends on real time.
/// </summary>
internal sealed class WaiterClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    internal WaiterClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>How many waits <see cref="DriveAsync{T}"/> has moved the clock through.</summary>
    internal int WaitsDriven { get; private set; }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is Task && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Runs <paramref name="run"/> to its end on this clock: whenever it starts a wait, the clock moves by exactly that
    /// wait (timers due on the way, the emulator's included, fire in order). Sequential flows only: the code must be
    /// waiting on nothing else when it starts a wait (a poll loop is).
    /// </summary>
    internal async Task<T> DriveAsync<T>(Task<T> run)
    {
        while (!run.IsCompleted)
        {
            var next = _waits.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(next, run).ConfigureAwait(false) == next)
            {
                WaitsDriven++;
                Advance(await next.ConfigureAwait(false));
            }
        }

        return await run.ConfigureAwait(false);
    }
}
