using System.Collections.Concurrent;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Rule 3 of docs/cli.md ("Job id as soon as the submit returns"): submits that returned hand their job ids here, and
/// they are group-committed <see cref="Interval"/> after the first of a group returned (and before any result of theirs,
/// see <see cref="Commit"/>). While nothing is waiting to be committed the committer waits for a job id without a timer,
/// so an idle batch has no wake-up of its own.
/// </summary>
internal sealed class JobIdCommitter
{
    /// <summary>How often returned job ids are committed together.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly BatchJournal _journal;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<(long Seq, string JobId, JournalState State)> _returned = new();
    private readonly Lock _commitGate = new();
    private TaskCompletionSource _added = NewSignal();

    public JobIdCommitter(BatchJournal journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
    }

    /// <summary>A submit returned this job: it is committed with the next group.</summary>
    public void Add(long seq, string jobId, JournalState state)
    {
        _returned.Enqueue((seq, jobId, state));
        Volatile.Read(ref _added).TrySetResult();
    }

    /// <summary>
    /// Until <paramref name="done"/> fires: waits for a returned job id, then commits the group <see cref="Interval"/>
    /// later; then commits a last time.
    /// </summary>
    public async Task RunAsync(CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            // Reset before looking at the queue: an Add after the look sets the new signal, so none is missed.
            var added = NewSignal();
            Volatile.Write(ref _added, added);
            try
            {
                if (_returned.IsEmpty)
                {
                    await added.Task.WaitAsync(done).ConfigureAwait(false);
                }

                await Task.Delay(Interval, _time, done).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Commit();
        }

        Commit();
    }

    /// <summary>Commits every job id returned so far (one transaction).</summary>
    public void Commit()
    {
        if (_returned.IsEmpty)
        {
            return;
        }

        // Taken off the queue only once the journal has them: if the write throws (disk full, I/O error), the ids stay
        // queued for the next commit (and the final one), never only in this method's memory.
        lock (_commitGate)
        {
            var group = _returned.ToList();
            _journal.RecordSubmitted(group);
            for (var i = 0; i < group.Count; i++)
            {
                _returned.TryDequeue(out _);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
