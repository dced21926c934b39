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

        // Only a job fetched here is logged and counted as completed (never the one the caller already had).
        var job = await PollLoop.RunAsync(
            getJob,
            static j => j.HasCompleted,
            lastKnown,
            polling,
            time,
            last => new JobWaitTimeoutException(jobId, last, polling.Timeout),
            cancellationToken).ConfigureAwait(false);
        var state = job.RawState ?? job.State.ToString();
        Log.JobCompleted(logger, job.JobId, state);
        CosDiagnostics.JobsCompleted.Add(1, new KeyValuePair<string, object?>("state", state));
        return job;
    }
}
