using System.Collections.Concurrent;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Rule 4 of docs/cli.md ("Reconcile before resending"): before anything is sent, every key with a token and no job id
/// is looked up by its token, starting at the previous run's send lease plus the settle (<see cref="ReconcileSchedule"/>),
/// up to <see cref="BatchOptions.ReconcileLooks"/> looks. Found: its job id is committed. Not found by the last look: the
/// key is resent with the same token. A look-up that fails (<see cref="FailureTable.IsFailedLookup"/>) leaves that key
/// alone for this run (<see cref="Skipped"/>, counted in doubt). A refusal (<see cref="FailureClass.Refused"/> or
/// <see cref="FailureClass.InputRefused"/>: revoked credentials, no permission, no such bucket) stops the run as it stops
/// <see cref="JobPoller"/>: the look-ups that answered are committed, then the refusal is thrown (exit 3, not 4).
/// </summary>
internal sealed class InDoubtReconciler
{
    private readonly BatchJournal _journal;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ClientTokenReconciler _lookup;
    private readonly ConcurrentDictionary<long, bool> _skipped = new();
    private Exception? _refusal;

    public InDoubtReconciler(JobsClient client, BatchJournal journal, BatchOptions options, TimeProvider time)
    {
        _journal = journal;
        _options = options;
        _time = time;
        _lookup = new ClientTokenReconciler(client);
    }

    /// <summary>Keys whose look-up failed: not sent in this run.</summary>
    public IReadOnlySet<long> Skipped => _skipped.Keys.ToHashSet();

    public async Task RunAsync(CancellationToken stop)
    {
        var pending = _journal.ReadInDoubt();
        if (pending.Count == 0)
        {
            return;
        }

        // A submit in flight when the previous run died may still land: wait until the last moment that run could have
        // sent (its send lease) plus the settle.
        var settle = _options.ReconcileSettle;
        var wait = ReconcileSchedule.FirstLook(_journal.ReadSendLease(), _time.GetUtcNow(), settle, _options.SendLease) - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, stop).ConfigureAwait(false);
        }

        for (var look = 1; ; look++)
        {
            var notFound = await LookAsync(pending, stop).ConfigureAwait(false);
            if (Volatile.Read(ref _refusal) is { } refusal)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refusal);
            }

            // Not found after the last look: the key keeps its token and is resent with that same token.
            if (notFound.Count == 0 || look >= Math.Max(1, _options.ReconcileLooks))
            {
                return;
            }

            pending = notFound;
            var spacing = ReconcileSchedule.Spacing(settle);
            if (spacing > TimeSpan.Zero)
            {
                await Task.Delay(spacing, _time, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<JournalRow>> LookAsync(List<JournalRow> rows, CancellationToken stop)
    {
        var notFound = new ConcurrentBag<JournalRow>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = stop };
        await Parallel.ForEachAsync(rows, parallel, async (row, ct) =>
        {
            try
            {
                var job = await _lookup.FindAsync(row.Key, row.ClientToken!, row.TokenTime ?? _time.GetUtcNow(), ct).ConfigureAwait(false);
                if (job is null)
                {
                    notFound.Add(row);
                }
                else
                {
                    _journal.RecordSubmitted([(row.Seq, job.JobId, JournalState.Of(job))]);
                }
            }
            catch (Exception ex) when (FailureTable.Classify(ex) is FailureClass.Refused or FailureClass.InputRefused)
            {
                // Not asked again: the run stops with it once this look has ended (the answers so far are committed).
                Interlocked.CompareExchange(ref _refusal, ex, null);
            }
            catch (Exception ex) when (FailureTable.IsFailedLookup(ex, stop))
            {
                // This key alone stays in doubt for this run (not resent); the others go on.
                _skipped.TryAdd(row.Seq, true);
            }
        }).ConfigureAwait(false);
        return notFound.OrderBy(r => r.Seq).ToList();
    }
}
