namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>
/// The timestamp rules of the job state machine: when a job starts and ends, which state it is in, when its completion
/// timer is due, and how a queue pause holds back jobs that have not started. Not thread-safe: the owning
/// <see cref="JobStore"/>'s lock guards it with the jobs.
/// </summary>
internal sealed class JobTimeline
{
    private readonly TimeSpan _queueDelay;
    private readonly TimeSpan _runDuration;

    /// <summary>Creates the timeline.</summary>
    /// <param name="queueDelay">How long a job waits in the queue before it starts.</param>
    /// <param name="runDuration">How long a job that is not analysed locally runs.</param>
    internal JobTimeline(TimeSpan queueDelay, TimeSpan runDuration)
    {
        _queueDelay = queueDelay;
        _runDuration = runDuration;
    }

    /// <summary>When the queue was paused; <see langword="null"/> while it runs.</summary>
    internal DateTimeOffset? PausedSince { get; private set; }

    /// <summary>Pauses the queue at <paramref name="now"/> (jobs must already be advanced to it).</summary>
    internal void Pause(DateTimeOffset now) => PausedSince = now;

    /// <summary>
    /// Resumes the queue at <paramref name="now"/> (jobs must already be advanced to it): a job not yet started keeps
    /// the queue time it consumed before the pause; time spent paused does not count.
    /// </summary>
    internal void Resume(IEnumerable<EmulatedJob> jobs, DateTimeOffset pausedSince, DateTimeOffset now)
    {
        foreach (var job in jobs)
        {
            if (job.StartedAt is null && job.CanceledAt is null)
            {
                // Queue time already consumed before the pause is kept; time spent paused does not count.
                var consumed = pausedSince > job.QueuedAt ? pausedSince - job.QueuedAt : TimeSpan.Zero;
                job.QueuedAt = now - consumed;
            }
        }

        PausedSince = null;
    }

    /// <summary>Moves the job's timeline forward to <paramref name="now"/>: records start and end times that have passed.</summary>
    internal void Advance(EmulatedJob job, DateTimeOffset now)
    {
        if (job.CanceledAt is not null || job.EndedAt is not null)
        {
            return;
        }

        if (job.StartedAt is null)
        {
            var eligible = job.QueuedAt + _queueDelay;
            var limit = PausedSince is { } paused && paused < now ? paused : now;
            if (eligible > limit)
            {
                return;
            }

            job.StartedAt = eligible;
        }

        if (EndOf(job) is { } end && end <= now)
        {
            job.EndedAt = end;
        }
    }

    /// <summary>The job's state as of its last <see cref="Advance"/>.</summary>
    internal string StateOf(EmulatedJob job)
    {
        if (job.CanceledAt is not null)
        {
            return JobStates.Cancel;
        }

        if (job.EndedAt is not null)
        {
            return job.WillFail ? JobStates.Failed : JobStates.Success;
        }

        if (job.StartedAt is not null)
        {
            return JobStates.Running;
        }

        return PausedSince is null ? JobStates.Submitted : JobStates.Pause;
    }

    /// <summary>
    /// When the job's completion timer is due, or <see langword="null"/> when no timer is to be set now: an analysed
    /// job whose analysis still runs (it is scheduled when the analysis ends), or a job held back by the paused queue
    /// (it is scheduled when the queue resumes).
    /// </summary>
    internal DateTimeOffset? CompletionDueAt(EmulatedJob job)
    {
        if (job.Analysed && job.AnalysedAt is null)
        {
            return null;
        }

        if (job.StartedAt is not null)
        {
            return EndOf(job)!.Value;
        }

        if (PausedSince is null)
        {
            var start = job.QueuedAt + _queueDelay;
            return job.Analysed ? (job.AnalysedAt > start ? job.AnalysedAt.Value : start) : start + _runDuration;
        }

        return null;
    }

    /// <summary>When a started job ends: its start plus the run duration, or for an analysed job the later of its start
    /// and its analysis' end (<see langword="null"/> while the analysis runs).</summary>
    private DateTimeOffset? EndOf(EmulatedJob job)
    {
        var started = job.StartedAt!.Value;
        if (!job.Analysed)
        {
            return started + _runDuration;
        }

        return job.AnalysedAt is { } analysed ? (analysed > started ? analysed : started) : null;
    }
}
