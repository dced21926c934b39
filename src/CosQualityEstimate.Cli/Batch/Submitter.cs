using System.Globalization;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Sends the prepared keys with bounded concurrency, each inside the send lease, and decides what each failure means
/// through the CLI's one <see cref="FailureTable"/>: a key refused for itself is recorded Rejected and the batch goes on;
/// an unknown outcome leaves the key in doubt (token kept, reconciled by a rerun); the service unavailable (5xx or
/// throttling after the library's retries) stops sending — a throttled key was provably not processed, so it is not in
/// doubt; a real refusal (authentication, authorization, quota) stops sending and ends the batch with that error.
/// </summary>
internal sealed class Submitter
{
    private readonly JobsClient _client;
    private readonly BatchJournal _journal;
    private readonly BatchOptions _options;
    private readonly SendLease _lease;
    private readonly JobIdCommitter _committer;
    private readonly BatchStop _stop;
    private readonly Action<long, string> _onSubmitted;
    private Exception? _fatal;
    private CosServiceException? _unavailable;
    private int _inDoubt;

    public Submitter(JobsClient client, BatchJournal journal, BatchOptions options, SendLease lease, JobIdCommitter committer, BatchStop stop, Action<long, string> onSubmitted)
    {
        _client = client;
        _journal = journal;
        _options = options;
        _lease = lease;
        _committer = committer;
        _stop = stop;
        _onSubmitted = onSubmitted;
    }

    /// <summary>Keys whose submit outcome stayed unknown in this run.</summary>
    public int InDoubt => Volatile.Read(ref _inDoubt);

    /// <summary>The server error or throttling that stopped sending, if any.</summary>
    public CosServiceException? Unavailable => Volatile.Read(ref _unavailable);

    /// <summary>The refusal that ended the batch, if any.</summary>
    public Exception? Fatal => Volatile.Read(ref _fatal);

    /// <summary>Sends every chunk <paramref name="tokens"/> prepares (one chunk ahead) until none is left or dispatching stops.</summary>
    public async Task RunAsync(TokenPreparer tokens)
    {
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var running = new List<Task>();
        var unsent = new List<JournalRow>();
        var prepared = Task.Run(tokens.Next);
        try
        {
            while (await prepared.ConfigureAwait(false) is { } chunk)
            {
                prepared = Task.Run(tokens.Next);
                for (var i = 0; i < chunk.Count && unsent.Count == 0; i++)
                {
                    if (!await AcquireSlotAsync(slots).ConfigureAwait(false))
                    {
                        unsent.AddRange(chunk.Skip(i));
                        break;
                    }

                    running.Add(SubmitOneAsync(chunk[i], slots));
                }

                running.RemoveAll(t => t.IsCompleted);
                if (unsent.Count > 0 || _stop.Dispatch.IsCancellationRequested)
                {
                    unsent.AddRange(await prepared.ConfigureAwait(false) ?? []);
                    break;
                }
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);

            // Stopped before sending these: never sent, so their tokens are released (no look-up needed later).
            tokens.Release(unsent);
        }
    }

    /// <summary>
    /// Waits for a free slot; <see langword="false"/> when dispatching stopped meanwhile — also when the slot was freed by
    /// the very submit whose failure stopped dispatching (a semaphore may grant a waiter whose token was just cancelled).
    /// </summary>
    private async Task<bool> AcquireSlotAsync(SemaphoreSlim slots)
    {
        try
        {
            await slots.WaitAsync(_stop.Dispatch).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        if (_stop.Dispatch.IsCancellationRequested)
        {
            slots.Release();
            return false;
        }

        return true;
    }

    private async Task SubmitOneAsync(JournalRow row, SemaphoreSlim slots)
    {
        try
        {
            var request = new QualityEstimateJobRequest(row.Key)
            {
                Mode = _options.Mode,
                Rotate = _options.Rotate,
                JobLevel = _options.Level,
                ClientToken = row.ClientToken,
            };
            JobDetail job;
            using (_lease.BeginCall())
            {
                job = await _client.SubmitQualityEstimateJobAsync(request, _stop.InFlight).ConfigureAwait(false);
            }

            _committer.Add(row.Seq, job.JobId, JournalState.Of(job));
            _onSubmitted(row.Seq, job.JobId);
        }
        catch (Exception ex)
        {
            Decide(row, ex);
        }
        finally
        {
            slots.Release();
        }
    }

    private void Decide(JournalRow row, Exception ex)
    {
        switch (FailureTable.Classify(ex))
        {
            case FailureClass.BadInput when ex is ArgumentException:
                // The key itself is unusable (validated before anything was sent).
                _journal.RecordRejected(row.Seq, "InvalidArgument", ex.Message);
                break;
            case FailureClass.InputRefused when ex is CosServiceException refused:
                // Refused for this key alone (no job was created): record it and go on.
                _journal.RecordRejected(row.Seq, refused.ErrorCode ?? refused.Status.ToString(CultureInfo.InvariantCulture), refused.ServiceMessage ?? refused.Message);
                break;
            case FailureClass.Unavailable when ex is CosServiceException unavailable:
                // No point hammering an overloaded service: sending stops, jobs already submitted are still waited for.
                // Throttling was provably not processed (not in doubt; an unsent fresh token is released); a 5xx may
                // come after the job was created, so that key stays in doubt.
                Interlocked.CompareExchange(ref _unavailable, unavailable, null);
                if (FailureTable.ProvablyNotProcessed(ex))
                {
                    _journal.ReleaseTokens(row.TokenFresh ? [row.Seq] : []);
                }
                else
                {
                    Interlocked.Increment(ref _inDoubt);
                }

                _stop.EndSending();
                break;
            case FailureClass.OutcomeUnknown or FailureClass.Interrupted:
                // Outcome unknown: the key keeps its token and no job id; the next run reconciles it before resending.
                Interlocked.Increment(ref _inDoubt);
                break;
            default:
                // A real refusal (authentication, authorization, quota): stop sending, keep what we have; the key stays in doubt.
                Interlocked.CompareExchange(ref _fatal, ex, null);
                Interlocked.Increment(ref _inDoubt);
                _stop.EndSending();
                break;
        }
    }
}
