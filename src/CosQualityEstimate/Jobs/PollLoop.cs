namespace CosQualityEstimate.Jobs;

/// <summary>
/// The one poll loop behind every wait (a job, a batch processing job): fetch until done, with the growing interval of
/// <see cref="JobPollingOptions"/>, its overall timeout and the caller's cancellation, all on the given
/// <see cref="TimeProvider"/> so tests drive it with a fake clock.
/// </summary>
internal static class PollLoop
{
    /// <summary>
    /// Returns <paramref name="lastKnown"/> at once when it is already done; otherwise fetches (at once when nothing is
    /// known yet, else after the first interval) until <paramref name="isDone"/> holds. When the timeout passes first,
    /// throws what <paramref name="timedOut"/> makes of the last fetched value.
    /// </summary>
    internal static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> fetch,
        Func<T, bool> isDone,
        T? lastKnown,
        JobPollingOptions polling,
        TimeProvider time,
        Func<T?, Exception> timedOut,
        CancellationToken cancellationToken)
        where T : class
    {
        polling.Validate();
        if (lastKnown is not null && isDone(lastKnown))
        {
            return lastKnown;
        }

        var infinite = polling.Timeout == Timeout.InfiniteTimeSpan;
        var deadline = infinite ? DateTimeOffset.MaxValue : time.GetUtcNow() + polling.Timeout;
        var interval = polling.InitialInterval;
        var first = lastKnown is null;

        while (true)
        {
            if (!first)
            {
                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    throw timedOut(lastKnown);
                }

                var delay = interval < remaining ? interval : remaining;
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                interval = Grow(interval, polling);
            }

            first = false;
            lastKnown = await fetch(cancellationToken).ConfigureAwait(false);
            if (isDone(lastKnown))
            {
                return lastKnown;
            }
        }
    }

    private static TimeSpan Grow(TimeSpan interval, JobPollingOptions polling)
    {
        var next = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * polling.BackoffFactor, polling.MaxInterval.Ticks));
        return next < interval ? interval : next;
    }
}
