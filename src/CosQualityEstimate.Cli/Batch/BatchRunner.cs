using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>Settings of one <c>cosqe batch</c> run.</summary>
internal sealed class BatchOptions
{
    public int Concurrency { get; init; } = 16;

    public QualityEstimateMode? Mode { get; init; }

    public int? Rotate { get; init; }

    public int? Level { get; init; }

    public bool NoWait { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the previous run's send lease the look-ups of keys in doubt start, so a request still in flight at the crash has landed.</summary>
    public TimeSpan ReconcileSettle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a key in doubt is looked up (spaced by a third of the settle) before it counts as never sent.</summary>
    public int ReconcileLooks { get; init; } = 3;

    /// <summary>Length of the send lease committed to the journal: no submit is sent later than the committed lease.</summary>
    public TimeSpan SendLease { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// When the look-ups of keys in doubt may start. Tokens are committed ahead of their sends (a chunk is prepared while the
/// previous one is being sent), so a token's time says nothing about when its submit left; the send lease does: the
/// previous run sent nothing after its last committed lease.
/// </summary>
internal static class ReconcileSchedule
{
    /// <summary>
    /// The first look-up waits until the previous run's last possible send (<paramref name="sendLease"/>; "now" when the
    /// journal has none) plus <paramref name="settle"/>, capped at now + lease length + settle (a clock stepped back).
    /// </summary>
    public static DateTimeOffset FirstLook(DateTimeOffset? sendLease, DateTimeOffset now, TimeSpan settle, TimeSpan leaseLength)
    {
        var lastPossibleSend = sendLease ?? now;
        var first = lastPossibleSend + settle;
        var cap = now + leaseLength + settle;
        return first > cap ? cap : first;
    }

    /// <summary>The pause between two look-ups of a key not found yet: a third of the settle.</summary>
    public static TimeSpan Spacing(TimeSpan settle) => settle / 3;
}

/// <summary>What a run ended with.</summary>
/// <param name="Counts">Totals of the journal at the end.</param>
/// <param name="InDoubt">Keys whose submit outcome stayed unknown in this run (reconciled by a rerun).</param>
/// <param name="Interrupted">The user stopped the run.</param>
/// <param name="Unavailable">When the service answered a submit with a server error or throttling (after the library's
/// retries) and sending stopped: that answer; otherwise <see langword="null"/>.</param>
internal sealed record BatchResult(JournalCounts Counts, int InDoubt, bool Interrupted, CosServiceException? Unavailable = null);

/// <summary>
/// Submits every key of a journal with bounded concurrency and (unless --no-wait) polls the jobs to the end, keeping the
/// journal crash-safe: tokens committed before sends, job ids committed (group commit) as soon as submits return, keys in
/// doubt reconciled before anything is resent.
/// </summary>
internal sealed class BatchRunner
{
    private const int ReadChunk = 512;
    private readonly JobsClient _client;
    private readonly BatchJournal _journal;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ClientTokenReconciler _reconciler;
    private readonly ConcurrentQueue<(long Seq, string JobId, string State)> _submitted = new();
    private readonly ConcurrentDictionary<string, long> _open = new(StringComparer.Ordinal);
    private readonly HashSet<long> _blocked = [];
    private readonly Lock _leaseGate = new();
    private DateTimeOffset _leaseUntil = DateTimeOffset.MinValue;
    private Exception? _fatal;
    private CosServiceException? _unavailable;
    private int _submittedThisRun;
    private int _finishedThisRun;
    private int _inDoubt;

    public BatchRunner(JobsClient client, BatchJournal journal, BatchOptions options, TimeProvider? time = null)
    {
        _client = client;
        _journal = journal;
        _options = options;
        _time = time ?? TimeProvider.System;
        _reconciler = new ClientTokenReconciler(client);
    }

    /// <summary>Called with a progress snapshot whenever the reporter ticks.</summary>
    public Action<BatchProgress>? OnProgress { get; init; }

    public async Task<BatchResult> RunAsync(CancellationToken stop)
    {
        var started = _time.GetTimestamp();
        var startCounts = _journal.Count();
        using var abort = new CancellationTokenSource();
        using var stopRegistration = stop.Register(() => abort.CancelAfter(TimeSpan.FromSeconds(5)));
        using var finished = new CancellationTokenSource();
        var reporter = ReportAsync(startCounts, started, finished.Token);

        try
        {
            await ReconcileInDoubtAsync(stop).ConfigureAwait(false);

            foreach (var row in _journal.ReadOpenJobs())
            {
                _open[row.JobId!] = row.Seq;
            }

            using var submissionDone = new CancellationTokenSource();
            var poller = _options.NoWait ? Task.CompletedTask : PollAsync(submissionDone.Token, stop);
            var flusher = FlushLoopAsync(submissionDone.Token);
            try
            {
                await SubmitAllAsync(stop, abort.Token).ConfigureAwait(false);
            }
            finally
            {
                await submissionDone.CancelAsync().ConfigureAwait(false);
                await flusher.ConfigureAwait(false);
                Flush();
                CloseSendLease();
            }

            await poller.ConfigureAwait(false);
        }
        finally
        {
            await finished.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
        }

        if (_fatal is not null)
        {
            throw _fatal;
        }

        return new BatchResult(_journal.Count(), _inDoubt, stop.IsCancellationRequested, _unavailable);
    }

    private async Task ReconcileInDoubtAsync(CancellationToken stop)
    {
        var inDoubt = _journal.ReadInDoubt();
        if (inDoubt.Count == 0)
        {
            return;
        }

        // A submit in flight when the previous run died may still land: wait until the last moment that run could have
        // sent (its send lease) plus the settle, then look each key up to ReconcileLooks times before it counts as never sent.
        var settle = _options.ReconcileSettle;
        var firstLook = ReconcileSchedule.FirstLook(_journal.ReadSendLease(), _time.GetUtcNow(), settle, _options.SendLease);
        var wait = firstLook - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, stop).ConfigureAwait(false);
        }

        var pending = inDoubt;
        for (var look = 1; ; look++)
        {
            var notFound = new ConcurrentBag<JournalRow>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = stop }, async (row, ct) =>
            {
                try
                {
                    var job = await _reconciler.FindAsync(row.Key, row.ClientToken!, row.TokenTime ?? _time.GetUtcNow(), ct).ConfigureAwait(false);
                    if (job is not null)
                    {
                        _journal.RecordSubmitted([(row.Seq, job.JobId, job.RawState ?? job.State.ToString())]);
                    }
                    else
                    {
                        notFound.Add(row);
                    }
                }
                catch (Exception ex) when (IsLookupFailure(ex, stop))
                {
                    // This key alone stays in doubt for this run (not resent); the others go on.
                    lock (_blocked)
                    {
                        _blocked.Add(row.Seq);
                    }

                    Interlocked.Increment(ref _inDoubt);
                }
            }).ConfigureAwait(false);

            // Not found after the last look: the key keeps its token and is resent with that same token below.
            if (notFound.IsEmpty || look >= Math.Max(1, _options.ReconcileLooks))
            {
                return;
            }

            pending = notFound.OrderBy(r => r.Seq).ToList();
            var spacing = ReconcileSchedule.Spacing(settle);
            if (spacing > TimeSpan.Zero)
            {
                await Task.Delay(spacing, _time, stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Server errors (5xx) and throttling (429, or a SlowDown/RequestLimitExceeded-like code): transient, not a refusal.</summary>
    internal static bool IsServiceUnavailable(CosServiceException ex) =>
        ex.Status is >= 500 or 429
        || ex.ErrorCode is "SlowDown" or "ServiceUnavailable" or "RequestLimitExceeded" or "TooManyRequests" or "Throttling" or "InternalError";

    /// <summary>
    /// A failed look-up (reconciliation or wait round): any library failure (service error, transport failure, unreadable
    /// answer, an outcome left unknown), a raw network failure or timeout, or a cancellation that is not the user's stop.
    /// </summary>
    private static bool IsLookupFailure(Exception ex, CancellationToken stop) =>
        ex is CosException or HttpRequestException or TimeoutException || (ex is OperationCanceledException && !stop.IsCancellationRequested);

    /// <summary>
    /// Makes sure the journal holds a send lease covering now (committed, fsynced, before the caller sends): renewed when
    /// less than half of it is left. Also called by the flush loop, so a submit the library retries inside one call stays covered.
    /// </summary>
    private void EnsureSendLease(bool onlyIfHeld = false)
    {
        var now = _time.GetUtcNow();
        lock (_leaseGate)
        {
            if ((onlyIfHeld && _leaseUntil == DateTimeOffset.MinValue) || now + (_options.SendLease / 2) <= _leaseUntil)
            {
                return;
            }

            var until = now + _options.SendLease;
            _journal.WriteSendLease(until);
            _leaseUntil = until;
        }
    }

    /// <summary>Every submit of this run has returned: the lease ends now (a later run need not wait for it).</summary>
    private void CloseSendLease()
    {
        lock (_leaseGate)
        {
            if (_leaseUntil != DateTimeOffset.MinValue)
            {
                var now = _time.GetUtcNow();
                _journal.WriteSendLease(now < _leaseUntil ? now : _leaseUntil);
                _leaseUntil = DateTimeOffset.MinValue;
            }
        }
    }

    private async Task SubmitAllAsync(CancellationToken stop, CancellationToken abort)
    {
        using var slots = new SemaphoreSlim(_options.Concurrency);
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var running = new List<Task>();

        // The next chunk's tokens are committed while the current chunk is being sent (always before its own sends).
        var prepared = Task.Run(() => PrepareChunk(0));
        List<JournalRow>? unsent = null;
        try
        {
            while (true)
            {
                var (batch, after) = await prepared.ConfigureAwait(false);
                if (batch is null)
                {
                    break;
                }

                if (fatal.IsCancellationRequested)
                {
                    unsent = batch;
                    break;
                }

                prepared = Task.Run(() => PrepareChunk(after));
                for (var i = 0; i < batch.Count; i++)
                {
                    try
                    {
                        await slots.WaitAsync(fatal.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        unsent = batch.GetRange(i, batch.Count - i);
                        break;
                    }

                    running.Add(SubmitOneAsync(batch[i], slots, fatal, abort));
                }

                running.RemoveAll(t => t.IsCompleted);
                if (unsent is not null)
                {
                    var (next, _) = await prepared.ConfigureAwait(false);
                    unsent.AddRange(next ?? []);
                    break;
                }
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
            if (unsent is { Count: > 0 })
            {
                // Stopped before sending these: they were never sent, so their tokens are released (no look-up needed later).
                _journal.ReleaseTokens(unsent.Where(r => r.TokenFresh).Select(r => r.Seq).ToList());
            }
        }
    }

    /// <summary>Reads the next keys without a job and commits tokens for those that have none.</summary>
    private (List<JournalRow>? Batch, long After) PrepareChunk(long after)
    {
        while (true)
        {
            var rows = _journal.ReadUnsubmitted(after, ReadChunk);
            if (rows.Count == 0)
            {
                return (null, after);
            }

            after = rows[^1].Seq;
            List<JournalRow> batch;
            lock (_blocked)
            {
                batch = rows.Where(r => !_blocked.Contains(r.Seq)).ToList();
            }

            var fresh = new List<(long, string)>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].ClientToken is null)
                {
                    var token = Guid.NewGuid().ToString("N");
                    fresh.Add((batch[i].Seq, token));
                    batch[i] = batch[i] with { ClientToken = token, TokenFresh = true };
                }
            }

            if (fresh.Count > 0)
            {
                _journal.AssignTokens(fresh, _time.GetUtcNow());
            }

            if (batch.Count > 0)
            {
                return (batch, after);
            }
        }
    }

    private async Task SubmitOneAsync(JournalRow row, SemaphoreSlim slots, CancellationTokenSource fatal, CancellationToken abort)
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
            EnsureSendLease();
            var job = await _client.SubmitQualityEstimateJobAsync(request, abort).ConfigureAwait(false);
            _submitted.Enqueue((row.Seq, job.JobId, job.RawState ?? job.State.ToString()));
            if (!_options.NoWait)
            {
                _open[job.JobId] = row.Seq;
            }

            Interlocked.Increment(ref _submittedThisRun);
        }
        catch (ArgumentException ex)
        {
            // The key itself is unusable (validated before anything was sent).
            _journal.RecordRejected(row.Seq, "InvalidArgument", ex.Message);
            Interlocked.Increment(ref _finishedThisRun);
        }
        catch (CosServiceException ex) when (ex.Status is 400 or 404 or 409 or 412)
        {
            // Refused for this key alone (no job was created): record it and go on.
            _journal.RecordRejected(row.Seq, ex.ErrorCode ?? ex.Status.ToString(CultureInfo.InvariantCulture), ex.ServiceMessage ?? ex.Message);
            Interlocked.Increment(ref _finishedThisRun);
        }
        catch (CosServiceException ex) when (IsServiceUnavailable(ex))
        {
            // A server error or throttling that outlasted the library's retries: not a refusal (exit 3 is for auth and
            // quota). A 5xx may come after the job was created, so the key stays in doubt (token kept, reconciled by a
            // rerun). Sending stops (no point hammering an overloaded service); jobs already submitted are still waited for.
            Interlocked.CompareExchange(ref _unavailable, ex, null);
            Interlocked.Increment(ref _inDoubt);
            await fatal.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SubmitOutcomeUnknownException or CosResponseFormatException or CosTransportException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            // Outcome unknown: the key keeps its token and no job id; the next run reconciles it before resending.
            Interlocked.Increment(ref _inDoubt);
        }
        catch (Exception ex)
        {
            // Authentication, quota, server refusals: stop sending, keep what we have. The key stays in doubt.
            Interlocked.CompareExchange(ref _fatal, ex, null);
            Interlocked.Increment(ref _inDoubt);
            await fatal.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task FlushLoopAsync(CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, done).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            Flush();
            EnsureSendLease(onlyIfHeld: true);
        }
    }

    /// <summary>Group commit of the job ids of submits that returned since the last flush.</summary>
    private void Flush()
    {
        if (_submitted.IsEmpty)
        {
            return;
        }

        var batch = new List<(long, string, string)>();
        while (_submitted.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        _journal.RecordSubmitted(batch);
    }

    private async Task PollAsync(CancellationToken submissionDone, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (submissionDone.IsCancellationRequested && _open.IsEmpty)
            {
                return;
            }

            var ids = _open.Keys.ToList();
            if (ids.Count > 0)
            {
                await PollOnceAsync(ids, stop).ConfigureAwait(false);
            }

            if (submissionDone.IsCancellationRequested && _open.IsEmpty)
            {
                return;
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

    private async Task PollOnceAsync(List<string> ids, CancellationToken stop)
    {
        var chunks = ids.Chunk(50).ToList();
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Math.Min(_options.Concurrency, 8)), CancellationToken = CancellationToken.None }, async (chunk, _) =>
        {
            JobsLookupResult result;
            try
            {
                result = await _client.GetJobsAsync(chunk, stop).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsLookupFailure(ex, CancellationToken.None))
            {
                return; // transient: the next round asks again
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
                    done.Add((seq, new JobDetail { JobId = missing, State = JobState.Failed, RawState = "Failed", Code = "JobNotFound", Message = "The service no longer knows this job." }));
                }
            }

            if (done.Count > 0)
            {
                Flush(); // job ids before their results
                _journal.RecordStates(done);
                Interlocked.Add(ref _finishedThisRun, done.Count);
            }
        }).ConfigureAwait(false);
    }

    private async Task ReportAsync(JournalCounts start, long started, CancellationToken finished)
    {
        if (OnProgress is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.ProgressInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(finished).ConfigureAwait(false))
            {
                var counts = _journal.Count();
                OnProgress(new BatchProgress(counts, start, _time.GetElapsedTime(started), _options.NoWait));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>A progress snapshot: totals now, totals when the run started, elapsed time.</summary>
internal readonly record struct BatchProgress(JournalCounts Now, JournalCounts AtStart, TimeSpan Elapsed, bool NoWait)
{
    public string Format()
    {
        var done = Now.Succeeded + Now.Failed;
        var progressed = NoWait ? Now.Submitted - AtStart.Submitted : done - (AtStart.Succeeded + AtStart.Failed);
        var remaining = NoWait ? Now.Keys - Now.Submitted : Now.Pending;
        var rate = Elapsed.TotalSeconds > 0 ? progressed / Elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? FormatDuration(TimeSpan.FromSeconds(remaining / rate)) : "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{done}/{Now.Keys} done ({Now.Succeeded} succeeded, {Now.Failed} failed), {Now.Pending} pending, {Now.Submitted} submitted; {rate:0.0}/s, ETA {eta}");
    }

    private static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:00}m" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{Math.Ceiling(span.TotalSeconds):0}s";
}
