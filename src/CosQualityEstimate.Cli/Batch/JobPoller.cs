using System.Collections.Concurrent;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Polls the open jobs (the journal's and those submitted by this run) every <see cref="BatchOptions.PollInterval"/>
/// until none is left and sending has ended, committing each finished job's result. A failed round (the service
/// unavailable, a transport or format failure: <see cref="FailureTable.IsFailedLookup"/>) is simply asked again by the
/// next round. A refusal (<see cref="FailureClass.Refused"/>: revoked or wrong credentials, no permission, quota; or
/// <see cref="FailureClass.InputRefused"/>: a 400/404/409/412 answer to the look-up, such as NoSuchBucket) is not
/// asked again: polling stops, <see cref="Refusal"/> holds it and <c>onRefused</c> runs (the batch stops sending), so
/// the run ends with exit 3 and a consistent journal (every result committed so far stays, open jobs stay open for a rerun).
/// While no job is open it waits, without a timer, for this run to submit one or for sending to end, so a run whose
/// sending ends with nothing to follow (every key refused, a refusal that stopped the batch) ends at once, not a poll
/// interval later.
/// </summary>
internal sealed class JobPoller
{
    private const int JobsPerLookup = 50;
    private readonly JobsClient _client;
    private readonly BatchJournal _journal;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly JobIdCommitter _committer;
    private readonly ConcurrentDictionary<string, long> _open = new(StringComparer.Ordinal);
    private readonly Action? _onRefused;
    private Exception? _refusal;
    private TaskCompletionSource _added = NewSignal();
    private int _finished;

    public JobPoller(JobsClient client, BatchJournal journal, BatchOptions options, TimeProvider time, JobIdCommitter committer, Action? onRefused = null)
    {
        _onRefused = onRefused;
        _client = client;
        _journal = journal;
        _options = options;
        _time = time;
        _committer = committer;
        foreach (var row in journal.ReadOpenJobs())
        {
            _open[row.JobId!] = row.Seq;
        }
    }

    /// <summary>The refusal that stopped polling, or <see langword="null"/>.</summary>
    public Exception? Refusal => Volatile.Read(ref _refusal);

    /// <summary>Jobs this run saw finish.</summary>
    public int Finished => Volatile.Read(ref _finished);

    /// <summary>A job to follow.</summary>
    public void Add(long seq, string jobId)
    {
        _open[jobId] = seq;
        Volatile.Read(ref _added).TrySetResult();
    }

    /// <summary>Polls until <paramref name="sendingEnded"/> has completed and no job is open, or the user stops.</summary>
    public async Task RunAsync(Task sendingEnded, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var ended = sendingEnded.IsCompleted;
            if (!_open.IsEmpty)
            {
                await PollOnceAsync(stop).ConfigureAwait(false);
                if (Refusal is not null)
                {
                    _onRefused?.Invoke();
                    return;
                }
            }

            if (_open.IsEmpty)
            {
                if (ended)
                {
                    return;
                }

                // Nothing to poll: wait (no timer) until this run submits a job or sending ends. Reset before looking at
                // _open: an Add after the look sets the new signal, so none is missed.
                var added = NewSignal();
                Volatile.Write(ref _added, added);
                if (_open.IsEmpty)
                {
                    try
                    {
                        await Task.WhenAny(sendingEnded, added.Task).WaitAsync(stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                if (_open.IsEmpty)
                {
                    continue; // sending ended with nothing open: the next turn returns
                }
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollOnceAsync(CancellationToken stop)
    {
        var chunks = _open.Keys.Chunk(JobsPerLookup).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(_options.Concurrency, 8)) };
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, _) =>
        {
            JobsLookupResult result;
            try
            {
                result = await _client.GetJobsAsync(chunk, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (FailureTable.Classify(ex) is FailureClass.Refused or FailureClass.InputRefused)
            {
                Interlocked.CompareExchange(ref _refusal, ex, null);
                return; // not asked again: the run stops
            }
            catch (Exception ex) when (FailureTable.IsFailedLookup(ex, CancellationToken.None))
            {
                return; // the next round asks again
            }

            var done = new List<(long, JobDetail)>();
            foreach (var job in result.Jobs)
            {
                if (job.HasCompleted && _open.TryRemove(job.JobId, out var seq))
                {
                    done.Add((seq, job));
                }
            }

            foreach (var missing in result.NonExistentJobIds)
            {
                if (_open.TryRemove(missing, out var seq))
                {
                    done.Add((seq, new JobDetail { JobId = missing, State = JobState.Failed, RawState = JournalState.Failed.Name, Code = "JobNotFound", Message = "The service no longer knows this job." }));
                }
            }

            if (done.Count > 0)
            {
                _committer.Commit(); // job ids before their results
                _journal.RecordStates(done);
                Interlocked.Add(ref _finished, done.Count);
            }
        }).ConfigureAwait(false);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
