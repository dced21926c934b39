using System.Collections.Concurrent;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Rule 3 of docs/cli.md ("Job id as soon as the submit returns"): submits that returned hand their job ids here, and
/// they are group-committed every <see cref="Interval"/> (and before any result of theirs, see <see cref="Commit"/>).
/// </summary>
internal sealed class JobIdCommitter
{
    /// <summary>How often returned job ids are committed together.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly BatchJournal _journal;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<(long Seq, string JobId, JournalState State)> _returned = new();
    private readonly Lock _commitGate = new();

    public JobIdCommitter(BatchJournal journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
    }

    /// <summary>A submit returned this job: it is committed with the next group.</summary>
    public void Add(long seq, string jobId, JournalState state) => _returned.Enqueue((seq, jobId, state));

    /// <summary>Commits the group every <see cref="Interval"/> until <paramref name="done"/> fires, then a last time.</summary>
    public async Task RunAsync(CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            try
            {
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
}
