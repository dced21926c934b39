using System.Runtime.CompilerServices;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Batch.ServerSide;

/// <summary>
/// <c>cosqe batch --server-side</c>: one batch processing job on the service for the journal, created at most once
/// (its unique name is committed before the create leaves; a rerun finds it by name), then its QualityEstimate jobs
/// collected into the journal, one row per object, until the batch and every job have ended.
/// </summary>
internal sealed class ServerSideBatchRunner
{
    private const int JobsPerLookup = 50;
    private readonly JobsClient _client;
    private readonly BatchJournal _store;
    private readonly ServerBatchJournal _batches;
    private readonly ServerSideBatchOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _seqs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalState> _recorded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private string? _resumeToken;
    private long _maxSeq;
    private int _succeeded;
    private int _failed;

    public ServerSideBatchRunner(JobsClient client, BatchJournal store, ServerBatchJournal batches, ServerSideBatchOptions options, TimeProvider time)
    {
        _client = client;
        _store = store;
        _batches = batches;
        _options = options;
        _time = time;
    }

    /// <summary>Receives a progress snapshot at most every <see cref="ServerSideBatchOptions.ProgressInterval"/>.</summary>
    public Action<BatchProgress>? OnProgress { get; init; }

    /// <summary>Called once the batch's id is known (created now, or by an earlier run), before its jobs are collected: id, name.</summary>
    public Action<string, string>? OnBatch { get; init; }

    /// <summary>A new batch name: unique per journal (random), within the service's name rules.</summary>
    public static string NewName() => "cosqe-" + Guid.NewGuid().ToString("N");

    /// <summary>Where <c>--keys</c> puts the batch's URL file in the bucket.</summary>
    public static string UrlFileKey(string name) => Cli.Objects.UploadKeys.UrlFile(name);

    public async Task<ServerSideBatchResult> RunAsync(CancellationToken cancellationToken)
    {
        var row = Intend();
        string? state = null;
        try
        {
            var batchId = row.BatchId ?? await CreateOnceAsync(row, cancellationToken).ConfigureAwait(false);
            OnBatch?.Invoke(batchId, row.Name);
            if (_options.NoWait)
            {
                return new ServerSideBatchResult(batchId, row.Name, null, _store.Count(), false, false);
            }

            var ended = await CollectAsync(batchId, cancellationToken).ConfigureAwait(false);
            state = ended.RawState ?? ended.State.ToString();
            return new ServerSideBatchResult(batchId, row.Name, state, _store.Count(), true, false) { Failure = FailureOf(ended) };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var now = _batches.Read()!;
            return new ServerSideBatchResult(now.BatchId ?? string.Empty, now.Name, state, _store.Count(), false, true);
        }
    }

    private ServerBatchRow Intend()
    {
        var row = _batches.Read();
        if (row is null)
        {
            if (_options.InputKind is not { } kind || _options.Input is null)
            {
                throw new CliUsageException("give the objects with --prefix <p>, --manifest <key> or --keys <file> (or continue a journal that holds a server-side batch).");
            }

            // Another run on this journal may intend its batch at the same moment: the row kept is the first one.
            var name = NewName();
            row = _batches.Intend(name, BatchInputKinds.Name(kind), kind == BatchInputKind.UrlFile ? UrlFileKey(name) : _options.Input);
        }

        var rowKind = BatchInputKinds.Parse(row.InputKind, _store.Path);
        if (_options.InputKind is { } given && (given != rowKind || (given != BatchInputKind.UrlFile && _options.Input != row.Input)))
        {
            throw new CliUsageException($"{_store.Path} holds the server-side batch {row.Name} over {row.InputKind.ToLowerInvariant()} '{row.Input}'; rerun with the same input (or none) or use another --journal file.");
        }

        return row;
    }

    /// <summary>The batch id: found by name when an earlier run may have sent the create, else created now (once).</summary>
    private async Task<string> CreateOnceAsync(ServerBatchRow row, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryCreateAsync(row, cancellationToken).ConfigureAwait(false) is { } id)
            {
                return id;
            }

            row = _batches.Read()!; // another run claimed the create first: look its batch up by name
        }
    }

    /// <summary>The batch id, or <see langword="null"/> when another run on the journal claimed the create first.</summary>
    private async Task<string?> TryCreateAsync(ServerBatchRow row, CancellationToken cancellationToken)
    {
        if (row.BatchId is { } known)
        {
            return known;
        }

        if (row.CreateSent is { } sent)
        {
            var found = await _client.Batches.FindBatchByNameAsync(row.Name, null, cancellationToken).ConfigureAwait(false);

            // The dead run's create may have been resent by the library until its last recorded send (+ one refresh), and
            // each send may stay in flight for the client's whole retry window: only after that is "not found" a proof.
            var settled = sent + _options.SendRefresh + _options.CreateWindow + _options.Settle;
            if (found is null && _time.GetUtcNow() < settled)
            {
                await Task.Delay(settled - _time.GetUtcNow(), _time, cancellationToken).ConfigureAwait(false);
                found = await _client.Batches.FindBatchByNameAsync(row.Name, null, cancellationToken).ConfigureAwait(false);
            }

            if (found is not null)
            {
                _batches.RecordBatchId(row.Name, found.JobId);
                return found.JobId;
            }

            if (row.ProbablyCreated)
            {
                throw new SubmitOutcomeUnknownException(
                    $"batch {row.Name} was probably created (an earlier run's create was answered with success but unreadably) and is still not listed by its name; it is not created again, to avoid a duplicate (billed) batch: look it up on the service, or use another --journal.")
                {
                    ProbablyCreated = true,
                    BatchName = row.Name,
                };
            }
        }

        var kind = BatchInputKinds.Parse(row.InputKind, _store.Path);
        if (kind == BatchInputKind.UrlFile)
        {
            await UploadUrlFileAsync(row, cancellationToken).ConfigureAwait(false);
        }

        var input = kind switch
        {
            BatchInputKind.Manifest => BatchJobInput.FromManifest(row.Input),
            BatchInputKind.UrlFile => BatchJobInput.FromUrlFile(row.Input),
            _ => BatchJobInput.FromPrefix(row.Input),
        };
        var request = new QualityEstimateBatchRequest(row.Name, input)
        {
            JobLevel = _options.Level,
        };
        if (!_batches.TryClaimCreate(row.Name, row.CreateSent))
        {
            return null;
        }

        BatchJobDetail created;
        try
        {
            using (_batches.HoldCreateSent(row.Name, _options.SendRefresh))
            {
                created = await _client.Batches.CreateQualityEstimateBatchAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SubmitOutcomeUnknownException ex) when (ex.ProbablyCreated)
        {
            _batches.RecordProbablyCreated(row.Name);
            throw;
        }
        catch (CosResponseFormatException ex) when (ex.JobId is { } namedId)
        {
            // The answer was unreadable but named the batch (which could not be read back yet): it exists, so go on with it.
            _batches.RecordBatchId(row.Name, namedId);
            return namedId;
        }

        _batches.RecordBatchId(row.Name, created.JobId);
        return created.JobId;
    }

    /// <summary>
    /// <c>--keys</c>: writes the keys as a URL file (one object URL per line, <see cref="CosQualityEstimate.Objects.CosObjectUris.Object"/>)
    /// and uploads it to <see cref="UrlFileKey"/> before the create (idempotent: a rerun uploads it again). Every key is
    /// checked first (exit 2 on a bad one).
    /// </summary>
    private async Task UploadUrlFileAsync(ServerBatchRow row, CancellationToken cancellationToken)
    {
        var read = _options.ReadKeys ?? throw new CliUsageException($"{_store.Path} holds the server-side batch {row.Name} over --keys, whose URL file was not created yet: rerun with the same --keys.");
        var local = Path.Combine(Path.GetDirectoryName(_store.Path)!, Path.GetFileName(_store.Path) + ".urls");
        var count = 0;
        await using (var writer = new StreamWriter(local, append: false))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var key in read(cancellationToken).ConfigureAwait(false))
            {
                if (CosQualityEstimate.Objects.ObjectKeyValidator.GetProblem(key) is { } problem)
                {
                    throw new CliUsageException($"invalid key '{key}': {problem}");
                }

                if (seen.Add(key))
                {
                    await writer.WriteLineAsync(CosQualityEstimate.Objects.CosObjectUris.Object(_client.Bucket, _client.Region, key).AbsoluteUri.AsMemory(), cancellationToken).ConfigureAwait(false);
                    count++;
                }
            }
        }

        if (count == 0)
        {
            File.Delete(local);
            throw new CliUsageException("the --keys list is empty.");
        }

        await _client.Objects.UploadFileAsync(local, row.Input, cancellationToken: cancellationToken).ConfigureAwait(false);
        File.Delete(local);
    }

    /// <summary>
    /// One line describing how an ended batch failed — it ended Failed or Cancel, or carries a service error <c>Code</c>
    /// (anything but empty or <c>Success</c>) — or <see langword="null"/> when it succeeded.
    /// </summary>
    internal static string? FailureOf(BatchJobDetail batch)
    {
        var code = batch.Code?.Trim();
        var failedCode = !string.IsNullOrEmpty(code) && !string.Equals(code, "Success", StringComparison.OrdinalIgnoreCase);
        if (batch.State is not (JobState.Failed or JobState.Canceled) && !failedCode)
        {
            return null;
        }

        var message = string.Join(' ', (batch.Message ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return $"batch {batch.JobId} ended {batch.RawState ?? batch.State.ToString()}" + (string.IsNullOrEmpty(code) ? string.Empty : $" (code {code})") + (message.Length == 0 ? string.Empty : ": " + message);
    }

    /// <summary>
    /// Collects the batch's jobs into the journal until the batch and every job ended; returns the ended batch. The batch
    /// is followed through the library's <see cref="BatchJobOperation"/>; each round costs what changed: the listing
    /// resumes at its last page (the batch's jobs are listed oldest first, so new ones come after), and only the open jobs
    /// listed earlier are looked up (<see cref="JobsClient.GetJobsAsync"/>, 50 a call). A failed round is classified by
    /// <see cref="FailureTable"/> as <see cref="JobPoller"/> does: the service unavailable, a transport or format failure
    /// (<see cref="FailureTable.IsFailedLookup"/>) is asked again by the next round; a refusal stops the run (exit 3) with
    /// every state committed so far in the journal.
    /// </summary>
    private async Task<BatchJobDetail> CollectAsync(string batchId, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var lastProgress = (long?)null;

        // The journal is read once, here: its keys, the jobs it knows and their last committed states. Rounds then keep
        // this in memory and commit only what changed (progress is counted here too, not by reading the journal again).
        foreach (var row in _store.EnumerateAll())
        {
            _seqs[row.Key] = row.Seq;
            _maxSeq = Math.Max(_maxSeq, row.Seq);
            if (row.JobId is { } jobId && row.State is { } known)
            {
                _keys[jobId] = row.Key;
                Track(jobId, known);
            }
        }

        var atStart = Counts();

        var operation = new BatchJobOperation(_client.Batches, batchId);
        while (true)
        {
            BatchJobDetail? ended = null;
            try
            {
                var batch = await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
                var listed = await ListNewAsync(batchId, batch.QueueId, cancellationToken).ConfigureAwait(false);
                var looked = await LookUpOpenAsync(listed, cancellationToken).ConfigureAwait(false);
                await RecordAsync(listed.Concat(looked), cancellationToken).ConfigureAwait(false);
                if (batch.HasCompleted && _open.Count == 0)
                {
                    ended = batch;
                }
            }
            catch (Exception ex) when (FailureTable.Classify(ex) is not (FailureClass.Refused or FailureClass.InputRefused) && FailureTable.IsFailedLookup(ex, cancellationToken))
            {
                // The service unavailable, a transport or format failure: the next round asks again.
            }

            if (OnProgress is { } report && (lastProgress is null || _time.GetElapsedTime(lastProgress.Value) >= _options.ProgressInterval))
            {
                report(new BatchProgress(Counts(), atStart, _time.GetElapsedTime(started), false));
                lastProgress = _time.GetTimestamp();
            }

            if (ended is not null)
            {
                return ended;
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The batch's jobs from the page the last round ended on (its jobs again, and every page after it).</summary>
    private async Task<List<JobDetail>> ListNewAsync(string batchId, string? queueId, CancellationToken cancellationToken)
    {
        var jobs = new List<JobDetail>();
        var token = _resumeToken;
        var lastUsed = token;
        await foreach (var page in _client.Batches.ListBatchJobsAsync(batchId, queueId).AsPages(token, cancellationToken).ConfigureAwait(false))
        {
            jobs.AddRange(page.Jobs);
            if (page.ContinuationToken is { } next)
            {
                lastUsed = next; // this page is full: the next round starts after it
            }
        }

        _resumeToken = lastUsed;
        return jobs;
    }

    /// <summary>The open jobs the listing did not return this round, looked up by id.</summary>
    private async Task<List<JobDetail>> LookUpOpenAsync(List<JobDetail> listed, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(listed.Select(j => j.JobId), StringComparer.Ordinal);
        var ids = _open.Where(id => !seen.Contains(id)).ToList();
        var found = new List<JobDetail>();
        foreach (var chunk in ids.Chunk(JobsPerLookup))
        {
            var result = await _client.GetJobsAsync(chunk, cancellationToken).ConfigureAwait(false);
            found.AddRange(result.Jobs);
            foreach (var missing in result.NonExistentJobIds)
            {
                if (_keys.TryGetValue(missing, out var key))
                {
                    found.Add(new JobDetail { JobId = missing, State = JobState.Failed, RawState = JournalState.Failed.Name, Code = "JobNotFound", Message = "The service no longer knows this job.", Input = new JobInput { ObjectKey = key } });
                }
            }
        }

        return found;
    }

    /// <summary>Adds the new keys and commits the jobs whose state changed since the last round.</summary>
    private async Task RecordAsync(IEnumerable<JobDetail> jobs, CancellationToken cancellationToken)
    {
        var all = jobs.ToList();
        var fresh = all.Select(j => j.Input?.ObjectKey).Where(k => k is not null && !_seqs.ContainsKey(k)).Distinct().ToList();
        if (fresh.Count > 0)
        {
            await _store.AddKeysAsync(ToAsync(fresh!), cancellationToken).ConfigureAwait(false);
            foreach (var row in _store.ReadUnsubmitted(_maxSeq, fresh.Count))
            {
                _seqs[row.Key] = row.Seq;
                _maxSeq = Math.Max(_maxSeq, row.Seq);
            }
        }

        var changed = new List<(long Seq, JobDetail Job)>();
        foreach (var job in all)
        {
            if ((job.Input?.ObjectKey ?? (_keys.TryGetValue(job.JobId, out var known) ? known : null)) is not { } key || !_seqs.TryGetValue(key, out var seq))
            {
                continue;
            }

            _keys[job.JobId] = key;
            if (Track(job.JobId, JournalState.Of(job)))
            {
                changed.Add((seq, job));
            }
        }

        _store.RecordStates(changed);
    }

    /// <summary>Notes <paramref name="state"/> as the job's last committed state (open or ended, and the totals); false when it already was.</summary>
    private bool Track(string jobId, JournalState state)
    {
        if (_recorded.TryGetValue(jobId, out var last))
        {
            if (last == state)
            {
                return false;
            }

            Tally(last, -1);
        }

        _recorded[jobId] = state;
        Tally(state, 1);
        if (state.IsTerminal)
        {
            _open.Remove(jobId);
        }
        else
        {
            _open.Add(jobId);
        }

        return true;
    }

    private void Tally(JournalState state, int by)
    {
        if (state == JournalState.Success)
        {
            _succeeded += by;
        }
        else if (state.IsFailure)
        {
            _failed += by;
        }
    }

    /// <summary>The journal's totals as this run holds them (what <see cref="BatchJournal.Count"/> would read, without reading it).</summary>
    private JournalCounts Counts() => new(_seqs.Count, _recorded.Count, _succeeded, _failed);

    private static async IAsyncEnumerable<string> ToAsync(IEnumerable<string> keys, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
