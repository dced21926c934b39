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
    private readonly JobsClient _client;
    private readonly BatchJournal _store;
    private readonly ServerBatchJournal _batches;
    private readonly ServerSideBatchOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _seqs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _recorded = new(StringComparer.Ordinal);

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
    public static string UrlFileKey(string name) => "cosqe-server-side/" + name + ".urls";

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
            if (_options.InputKind is null || _options.Input is null)
            {
                throw new CliUsageException("give the objects with --prefix <p>, --manifest <key> or --keys <file> (or continue a journal that holds a server-side batch).");
            }

            if (_store.Count().Keys > 0)
            {
                throw new CliUsageException($"{_store.Path} holds a client-side batch (cosqe batch without --server-side); give --server-side its own --journal file.");
            }

            // Another run on this journal may intend its batch at the same moment: the row kept is the first one.
            var name = NewName();
            row = _batches.Intend(name, _options.InputKind, _options.InputKind == "UrlFile" ? UrlFileKey(name) : _options.Input);
        }

        if (_options.InputKind is not null && (_options.InputKind != row.InputKind || (_options.InputKind != "UrlFile" && _options.Input != row.Input)))
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
                    $"batch {row.Name} was probably created (an earlier run's create was answered with success but unreadably) and is still not listed by its name; it is not created again, to avoid a duplicate (billed) batch: look it up on the service, or use another --journal.");
            }
        }

        if (row.InputKind == "UrlFile")
        {
            await UploadUrlFileAsync(row, cancellationToken).ConfigureAwait(false);
        }

        var input = row.InputKind switch
        {
            "Manifest" => BatchJobInput.FromManifest(row.Input),
            "UrlFile" => BatchJobInput.FromUrlFile(row.Input),
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
        catch (SubmitOutcomeUnknownException ex) when (AnsweredWithSuccess(ex))
        {
            _batches.RecordProbablyCreated(row.Name);
            throw;
        }

        _batches.RecordBatchId(row.Name, created.JobId);
        return created.JobId;
    }

    /// <summary>Whether the service answered the create with success (2xx) but unreadably: a batch was then probably created.</summary>
    private static bool AnsweredWithSuccess(Exception? exception) => exception switch
    {
        null => false,
        CosResponseFormatException { Status: >= 200 and <= 299 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(AnsweredWithSuccess),
        _ => AnsweredWithSuccess(exception.InnerException),
    };

    /// <summary>
    /// <c>--keys</c>: writes the keys as a URL file (one <c>https://&lt;bucket&gt;.cos.&lt;region&gt;.myqcloud.com/&lt;key&gt;</c> per line)
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
                    var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
                    await writer.WriteLineAsync($"https://{_client.Bucket}.cos.{_client.Region}.myqcloud.com/{path}".AsMemory(), cancellationToken).ConfigureAwait(false);
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

    /// <summary>Collects the batch's jobs into the journal until the batch and every job ended; returns the ended batch.</summary>
    private async Task<BatchJobDetail> CollectAsync(string batchId, CancellationToken cancellationToken)
    {
        var atStart = _store.Count();
        var started = _time.GetTimestamp();
        var lastProgress = (long?)null;
        foreach (var row in _store.EnumerateAll())
        {
            _seqs[row.Key] = row.Seq;
        }

        while (true)
        {
            var batch = await _client.Batches.GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
            var jobs = new List<JobDetail>();
            await foreach (var page in _client.Batches.ListBatchJobsAsync(batchId, batch.QueueId).AsPages(null, cancellationToken).ConfigureAwait(false))
            {
                jobs.AddRange(page.Jobs);
            }

            var allEnded = await RecordAsync(jobs, cancellationToken).ConfigureAwait(false);
            if (OnProgress is { } report && (lastProgress is null || _time.GetElapsedTime(lastProgress.Value) >= _options.ProgressInterval))
            {
                report(new BatchProgress(_store.Count(), atStart, _time.GetElapsedTime(started), false));
                lastProgress = _time.GetTimestamp();
            }

            if (batch.HasCompleted && allEnded)
            {
                return batch;
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds new keys and commits the jobs whose state changed since the last round; returns whether every job has ended.</summary>
    private async Task<bool> RecordAsync(List<JobDetail> jobs, CancellationToken cancellationToken)
    {
        var fresh = jobs.Select(j => j.Input?.ObjectKey).Where(k => k is not null && !_seqs.ContainsKey(k)).Distinct().ToList();
        if (fresh.Count > 0)
        {
            await _store.AddKeysAsync(ToAsync(fresh!), cancellationToken).ConfigureAwait(false);
            foreach (var row in _store.EnumerateAll())
            {
                _seqs[row.Key] = row.Seq;
            }
        }

        var changed = new List<(long Seq, JobDetail Job)>();
        var allEnded = true;
        foreach (var job in jobs)
        {
            if (job.Input?.ObjectKey is not { } key)
            {
                continue;
            }

            var state = JournalState.Of(job);
            allEnded &= state.IsTerminal;
            if (!_recorded.TryGetValue(job.JobId, out var last) || last != state.Name)
            {
                changed.Add((_seqs[key], job));
                _recorded[job.JobId] = state.Name;
            }
        }

        _store.RecordStates(changed);
        return allEnded;
    }

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
