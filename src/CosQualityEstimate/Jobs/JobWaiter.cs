using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Polls a job until it reaches a terminal state (Success, Failed, Cancel; Pause is not terminal), with a growing
/// interval, an overall timeout and the caller's cancellation — all on the client's <see cref="TimeProvider"/>,
/// so tests drive it with a fake clock.
/// </summary>
internal static class JobWaiter
{
    internal static async Task<JobDetail> WaitAsync(
        Func<CancellationToken, Task<JobDetail>> getJob,
        string jobId,
        JobDetail? lastKnown,
        JobPollingOptions polling,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        polling.Validate();
        if (lastKnown is { HasCompleted: true })
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
                    throw new JobWaitTimeoutException(jobId, lastKnown, polling.Timeout);
                }

                var delay = interval < remaining ? interval : remaining;
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                interval = Grow(interval, polling);
            }

            first = false;
            lastKnown = await getJob(cancellationToken).ConfigureAwait(false);
            if (lastKnown.HasCompleted)
            {
                var state = lastKnown.RawState ?? lastKnown.State.ToString();
                Log.JobCompleted(logger, lastKnown.JobId, state);
                CosDiagnostics.JobsCompleted.Add(1, new KeyValuePair<string, object?>("state", state));
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
