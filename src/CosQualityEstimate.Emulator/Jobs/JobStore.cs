using System.Globalization;
using CosQualityEstimate.Emulator.Analysis;
using CosQualityEstimate.Emulator.Objects;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>
/// All jobs and the queue. States are computed from timestamps on every read (deterministic under a fake clock);
/// a <see cref="TimeProvider"/> timer per job announces completion (callbacks). One lock guards everything.
/// A job on a stored object is analysed locally when an analyzer is given: it is Running until its analysis ends (the
/// analysis time is its run time, <see cref="CosEmulatorOptions.RunDuration"/> does not apply) and then ends at the
/// later of its start and the analysis' end, by the same clock. <see cref="JobTimeline"/> holds the timestamp rules and
/// <see cref="JobDetailBuilder"/> the wire detail; this type owns the jobs, the lock and the completion timers.
/// </summary>
internal sealed class JobStore : IDisposable
{
    /// <summary>The fixed queue id of the emulated bucket.</summary>
    internal const string QueueId = "p2242ab62c7c94486915508540933a2c6";

    private readonly object _gate = new();
    private readonly List<EmulatedJob> _jobs = new();
    private readonly Dictionary<string, EmulatedJob> _byId = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly JobTimeline _timeline;
    private readonly JobDetailBuilder _details;
    private readonly Action<EmulatedJob, JobDetailXml> _onCompleted;
    private bool _disposed;
    private long _lastSequence;

    private readonly Func<string, StoredObject?> _findObject;
    private readonly bool _requireStoredObjects;
    private readonly StoredObjectAnalyzer? _analyzer;

    /// <summary>Creates the store.</summary>
    /// <param name="options">Clock, delays, bucket, region, <see cref="CosEmulatorOptions.RequireStoredObjects"/>.</param>
    /// <param name="onCompleted">Announces a finished job (callbacks); called outside the lock.</param>
    /// <param name="findObject">The stored object of a key, or <see langword="null"/>.</param>
    /// <param name="analyzer">Analyses stored objects; <see langword="null"/> when local analysis is off.</param>
    internal JobStore(CosEmulatorOptions options, Action<EmulatedJob, JobDetailXml> onCompleted, Func<string, StoredObject?> findObject, StoredObjectAnalyzer? analyzer = null)
    {
        _findObject = findObject;
        _requireStoredObjects = options.RequireStoredObjects;
        _analyzer = analyzer;
        _time = options.TimeProvider;
        _timeline = new JobTimeline(options.QueueDelay, options.RunDuration);
        _details = new JobDetailBuilder(options.Bucket, options.Region);
        _onCompleted = onCompleted;
    }

    /// <summary>How many jobs were created so far (forgotten ones included).</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return (int)_lastSequence;
            }
        }
    }

    /// <summary>How many jobs the store holds now.</summary>
    internal int StoredCount
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>
    /// Forgets every direct-submit job (not the jobs of a batch, which the batch still reports): stops its completion
    /// timer and drops it from the store, so it is no longer listed or found. Sequences and ids go on from where they
    /// were, so an id is never given twice. Returns how many jobs were forgotten.
    /// </summary>
    internal int ForgetDirectJobs()
    {
        lock (_gate)
        {
            var forgotten = 0;
            for (var i = 0; i < _jobs.Count; i++)
            {
                var job = _jobs[i];
                if (job.InventoryTriggerJobId is null)
                {
                    job.Timer?.Dispose();
                    job.Timer = null;
                    job.CompletionAnnounced = true;
                    _byId.Remove(job.JobId);
                    forgotten++;
                }
            }

            _jobs.RemoveAll(static job => job.InventoryTriggerJobId is null);
            return forgotten;
        }
    }

    /// <summary>Formats a time like the service: <c>2022-06-27T15:23:10+0800</c>.</summary>
    internal static string FormatTime(DateTimeOffset value) => JobDetailBuilder.FormatTime(value);

    internal JobDetailXml Submit(JobRequestXml normalized)
    {
        lock (_gate)
        {
            return Build(Add(normalized, null));
        }
    }

    /// <summary>Creates one ordinary job per request for the batch <paramref name="batchId"/> (one lock); returns their ids in order.</summary>
    internal List<string> SubmitForBatch(IReadOnlyList<JobRequestXml> normalized, string batchId)
    {
        lock (_gate)
        {
            var ids = new List<string>(normalized.Count);
            foreach (var request in normalized)
            {
                ids.Add(Add(request, batchId).JobId);
            }

            return ids;
        }
    }

    /// <summary>Where the jobs <paramref name="jobIds"/> stand now: how many there are, ended, started, and the last end time once all ended.</summary>
    internal (int Total, int Ended, int Started, DateTimeOffset? FirstStart, DateTimeOffset? LastEnd) Summarize(IReadOnlyList<string> jobIds)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            int ended = 0, started = 0;
            DateTimeOffset? firstStart = null, lastEnd = null;
            foreach (var id in jobIds)
            {
                var job = _byId[id];
                Update(job, now);
                var state = StateOf(job);
                if (state is JobStates.Success or JobStates.Failed or JobStates.Cancel)
                {
                    ended++;
                    var end = job.CanceledAt ?? job.EndedAt;
                    lastEnd = end is { } e && (lastEnd is null || e > lastEnd) ? e : lastEnd;
                }

                if (job.StartedAt is { } start)
                {
                    started++;
                    firstStart = firstStart is null || start < firstStart ? start : firstStart;
                }
            }

            return (jobIds.Count, ended, started, firstStart, ended == jobIds.Count ? lastEnd : null);
        }
    }

    /// <summary>Cancels every job of <paramref name="jobIds"/> that has not started (Submitted or Pause); returns how many.</summary>
    internal int CancelNotStarted(IReadOnlyList<string> jobIds)
    {
        var canceled = 0;
        foreach (var id in jobIds)
        {
            if (Cancel(id).Detail is not null)
            {
                canceled++;
            }
        }

        return canceled;
    }

    /// <summary>Adds a job (caller holds the lock) and starts its analysis and completion timer.</summary>
    private EmulatedJob Add(JobRequestXml normalized, string? batchId)
    {
        var sequence = ++_lastSequence;
        var id = "j" + sequence.ToString("x32", CultureInfo.InvariantCulture);
        var stored = _findObject(normalized.Input!.Object!);
        var job = new EmulatedJob(sequence, id, normalized, _time.GetUtcNow())
        {
            InventoryTriggerJobId = batchId,
            InputMissing = _requireStoredObjects && stored is null,
            Analysed = _analyzer is not null && stored is not null && !_analyzer.FfmpegMissing,
        };
        _jobs.Add(job);
        _byId.Add(id, job);
        if (job.Analysed)
        {
            job.AnalysisTaken = TakeOutcomeAsync(job, _analyzer!.AnalyzeAsync(stored!));
        }

        Schedule(job, _time.GetUtcNow());
        return job;
    }

    internal JobDetailXml? Get(string jobId)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(jobId, out var job))
            {
                return null;
            }

            Update(job, _time.GetUtcNow());
            return Build(job);
        }
    }

    internal IReadOnlyList<JobDetailXml> Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var result = new List<JobDetailXml>(_jobs.Count);
            foreach (var job in _jobs)
            {
                Update(job, now);
                result.Add(Build(job));
            }

            return result;
        }
    }

    /// <summary>Completes when every analysis started so far has been taken by its job (tests wait on it).</summary>
    internal Task WhenAnalysesTakenAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_jobs.Where(static job => job.AnalysisTaken is not null).Select(static job => job.AnalysisTaken!));
        }
    }

    internal (List<JobDetailXml> Page, string? NextToken) List(JobListQuery query)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var matches = new List<EmulatedJob>();
            foreach (var job in _jobs)
            {
                Update(job, now);
                if ((query.QueueId is null || query.QueueId == QueueId)
                    && (query.States is null || query.States.Contains(StateOf(job)))
                    && (query.InputObject is null || query.InputObject == job.ObjectKey)
                    && (query.InventoryTriggerJobId is null || query.InventoryTriggerJobId == job.InventoryTriggerJobId)
                    && (query.StartCreationTime is null || job.CreationTime >= query.StartCreationTime)
                    && (query.EndCreationTime is null || job.CreationTime <= query.EndCreationTime)
                    && (query.AfterSequence is null || (query.Ascending ? job.Sequence > query.AfterSequence : job.Sequence < query.AfterSequence)))
                {
                    matches.Add(job);
                }
            }

            // Creation order equals sequence order (the clock never goes back), so sequence is the sort key.
            if (!query.Ascending)
            {
                matches.Reverse();
            }

            var page = new List<JobDetailXml>(Math.Min(query.Size, matches.Count));
            for (var i = 0; i < matches.Count && i < query.Size; i++)
            {
                page.Add(Build(matches[i]));
            }

            var next = matches.Count > query.Size ? JobListQuery.EncodeToken(matches[query.Size - 1].Sequence) : null;
            return (page, next);
        }
    }

    /// <summary>Cancels a Submitted or Pause job. Returns the detail, or the refusing state, or neither for an unknown id.</summary>
    internal (JobDetailXml? Detail, string? RefusedState) Cancel(string jobId)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(jobId, out var job))
            {
                return (null, null);
            }

            var now = _time.GetUtcNow();
            Update(job, now);
            var state = StateOf(job);
            if (state is not (JobStates.Submitted or JobStates.Pause))
            {
                return (null, state);
            }

            job.CanceledAt = now;
            job.CompletionAnnounced = true;
            job.Timer?.Dispose();
            job.Timer = null;
            return (Build(job), null);
        }
    }

    internal void Pause()
    {
        lock (_gate)
        {
            if (_timeline.PausedSince is not null)
            {
                return;
            }

            var now = _time.GetUtcNow();
            foreach (var job in _jobs)
            {
                Update(job, now);
            }

            _timeline.Pause(now);
        }
    }

    internal void Resume()
    {
        lock (_gate)
        {
            if (_timeline.PausedSince is not { } pausedSince)
            {
                return;
            }

            var now = _time.GetUtcNow();
            foreach (var job in _jobs)
            {
                Update(job, now);
            }

            _timeline.Resume(_jobs, pausedSince, now);
            foreach (var job in _jobs)
            {
                if (job.CanceledAt is null && !job.CompletionAnnounced)
                {
                    Schedule(job, now);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var job in _jobs)
            {
                job.Timer?.Dispose();
                job.Timer = null;
            }
        }
    }

    private void Update(EmulatedJob job, DateTimeOffset now) => _timeline.Advance(job, now);

    private string StateOf(EmulatedJob job) => _timeline.StateOf(job);

    private JobDetailXml Build(EmulatedJob job) => _details.Build(job, StateOf(job));

    /// <summary>Records the analysis outcome on the job (at the emulator clock's now) and announces it if it has ended.</summary>
    private async Task TakeOutcomeAsync(EmulatedJob job, Task<AnalysisOutcome> analysis)
    {
        var outcome = await analysis.ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            job.Outcome = outcome;
            job.AnalysedAt = _time.GetUtcNow();
            if (job.CanceledAt is not null || job.CompletionAnnounced)
            {
                return;
            }

            Schedule(job, job.AnalysedAt.Value);
        }
    }

    private void Schedule(EmulatedJob job, DateTimeOffset now)
    {
        if (_disposed)
        {
            return;
        }

        // No due time while the analysis runs (TakeOutcomeAsync schedules it) or the queue is paused (Resume does).
        if (_timeline.CompletionDueAt(job) is not { } dueAt)
        {
            return;
        }

        var due = dueAt > now ? dueAt - now : TimeSpan.Zero;
        if (job.Timer is null)
        {
            job.Timer = _time.CreateTimer(static state => ((Tuple<JobStore, EmulatedJob>)state!).Item1.OnTimer(((Tuple<JobStore, EmulatedJob>)state!).Item2), Tuple.Create(this, job), due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            job.Timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer(EmulatedJob job)
    {
        JobDetailXml? completed = null;
        lock (_gate)
        {
            if (_disposed || job.CompletionAnnounced || job.CanceledAt is not null)
            {
                return;
            }

            var now = _time.GetUtcNow();
            Update(job, now);
            if (job.EndedAt is not null)
            {
                job.CompletionAnnounced = true;
                completed = Build(job);
            }
            else
            {
                Schedule(job, now);
            }
        }

        if (completed is not null)
        {
            _onCompleted(job, completed);
        }
    }
}
