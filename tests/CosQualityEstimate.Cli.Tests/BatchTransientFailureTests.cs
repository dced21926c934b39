using System.Collections.Concurrent;
using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Failures of single look-ups (waiting, reconciling) and transient refusals of submits do not end or misreport a batch.</summary>
public sealed class BatchTransientFailureTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    private string Journal => _dir.File("run.db");

    private JobsClient NewClient() => new(new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential });

    public static TheoryData<string> LookupFailures => ["transport", "format", "unknown"];

    private static Exception Failure(string kind) => kind switch
    {
        "transport" => new CosTransportException("GetJobs", isTimeout: false, "connection refused", null),
        "format" => new CosResponseFormatException(200, null, "<Resp", null, "truncated XML"),
        _ => new SubmitOutcomeUnknownException("outcome unknown"),
    };

    [Theory]
    [MemberData(nameof(LookupFailures))]
    public async Task A_failed_wait_round_is_retried_by_the_next_round(string kind)
    {
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4", "c.mp4"), default);
        var client = new FaultyClient(NewClient()) { FailGetJobs = 2, Failure = Failure(kind) };
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 2, PollInterval = TimeSpan.FromMilliseconds(10) });

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(0, client.FailGetJobs);
        Assert.Equal(new JournalCounts(3, 3, 3, 0), result.Counts);
        Assert.Equal(0, result.InDoubt);
    }

    [Theory]
    [MemberData(nameof(LookupFailures))]
    public async Task A_failed_reconcile_look_up_leaves_that_key_alone_and_the_others_go_on(string kind)
    {
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("broken.mp4", "found.mp4", "fresh.mp4"), default);
        var rows = journal.ReadAll();
        journal.AssignTokens([(rows[0].Seq, "tokenLookupFails"), (rows[1].Seq, "tokenFound")], DateTimeOffset.UtcNow.AddMinutes(-1));
        var existing = await NewClient().SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("found.mp4") { ClientToken = "tokenFound" });
        var client = new FaultyClient(NewClient()) { Failure = Failure(kind) };
        client.FailFindFor.TryAdd("broken.mp4", 0);
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 2, PollInterval = TimeSpan.FromMilliseconds(10), ReconcileSettle = TimeSpan.Zero });

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(1, result.InDoubt);
        Assert.Equal(2, _emulator.SubmittedJobCount); // found.mp4's existing job and fresh.mp4; broken.mp4 not resent
        var after = journal.ReadAll();
        Assert.Null(after[0].JobId);
        Assert.Equal("tokenLookupFails", after[0].ClientToken);
        Assert.Equal(existing.JobId, after[1].JobId);
        Assert.Equal(JournalState.Success, after[2].State);
    }

    [Theory]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(500, "InternalError")]
    [InlineData(502, null)]
    public async Task A_server_error_on_a_submit_stops_sending_and_leaves_the_key_in_doubt(int status, string? code)
    {
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4", "c.mp4", "d.mp4"), default);
        var client = new FaultyClient(NewClient())
        {
            FailSubmit = r => r.ObjectKey == "b.mp4" ? new CosServiceException(status, code, "busy", "req-1", null) : null,
        };
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(10) });

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.NotNull(result.Unavailable);
        Assert.Equal(status, result.Unavailable.Status);
        Assert.Equal(1, result.InDoubt);
        var rows = journal.ReadAll();
        Assert.Equal(JournalState.Success, rows[0].State);
        Assert.Null(rows[1].JobId);
        Assert.NotNull(rows[1].ClientToken); // in doubt: a 5xx may come after the job was created; the rerun reconciles it
        Assert.Null(rows[1].State);
        Assert.All(rows.Skip(2), r => Assert.Equal(JournalProgress.NotSubmitted, r.Progress)); // unsent tokens released
        Assert.Equal(1, _emulator.SubmittedJobCount);
    }

    [Theory]
    [InlineData(503, "SlowDown")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(429, null)]
    [InlineData(400, "RequestLimitExceeded")]
    public async Task Throttling_on_a_submit_stops_sending_and_the_key_is_not_in_doubt(int status, string? code)
    {
        // Throttling is provably not processed (CosServiceException.IsThrottling): the key was never sent, so a rerun
        // needs no look-up for it and the run reports nothing in doubt.
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4", "c.mp4", "d.mp4"), default);
        var client = new FaultyClient(NewClient())
        {
            FailSubmit = r => r.ObjectKey == "b.mp4" ? new CosServiceException(status, code, "slow down", "req-1", null) : null,
        };
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(10) });

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.NotNull(result.Unavailable);
        Assert.True(result.Unavailable.IsThrottling);
        Assert.Equal(0, result.InDoubt);
        var rows = journal.ReadAll();
        Assert.Equal(JournalState.Success, rows[0].State);
        Assert.All(rows.Skip(1), r => Assert.Equal(JournalProgress.NotSubmitted, r.Progress));
        Assert.Empty(journal.ReadInDoubt());
        Assert.Equal(1, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task An_authentication_refusal_on_a_submit_still_stops_the_batch_as_refused()
    {
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4"), default);
        var client = new FaultyClient(NewClient()) { FailSubmit = _ => new CosServiceException(403, "AccessDenied", "no", "req-1", null) };
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(10) });

        var refused = await Assert.ThrowsAsync<CosServiceException>(() => runner.RunAsync(CancellationToken.None));

        Assert.Equal(403, refused.Status);
        Assert.Equal(3, ExitCodes.FromException(refused).Code);
    }

    [Fact]
    public async Task A_503_that_outlasts_the_retries_exits_4_not_3_and_a_rerun_finishes_with_one_job()
    {
        var keys = _dir.File("keys.txt");
        File.WriteAllLines(keys, ["busy.mp4"]);
        for (var i = 0; i < 4; i++)
        {
            // The first attempt and the library's three retries (Retry-After: 0, so no backoff wait).
            _emulator.Faults.Enqueue(EmulatorFault.Status(503, "SlowDown", "0", "POST"));
        }

        var first = await CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--journal", Journal, "--keys", keys, "--poll-interval", "20ms"], directory: _dir.Path);

        Assert.True(first.ExitCode == 4, first.ToString());
        Assert.Contains("unavailable or throttling (503 SlowDown)", Assert.Single(first.ErrorLines));
        Assert.Equal("0 submitted, 0 succeeded, 0 failed, 1 pending; mode vqaPlus", first.Out.Trim());
        Assert.Equal(0, _emulator.SubmittedJobCount);

        var second = await CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--journal", Journal, "--keys", keys, "--poll-interval", "20ms", "--reconcile-settle", "0s"], directory: _dir.Path);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(1, _emulator.SubmittedJobCount);
    }

    /// <summary>Forwards to a real client, failing chosen look-ups with a chosen exception.</summary>
    internal sealed class FaultyClient(JobsClient inner) : JobsClient
    {
        private int _failGetJobs;

        public Exception Failure { get; init; } = new CosTransportException();

        public int FailGetJobs { get => Volatile.Read(ref _failGetJobs); init => _failGetJobs = value; }

        public ConcurrentDictionary<string, int> FailFindFor { get; } = new(StringComparer.Ordinal);

        public Func<QualityEstimateJobRequest, Exception?>? FailSubmit { get; init; }

        public override Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) =>
            FailSubmit?.Invoke(request) is { } failure ? Task.FromException<JobDetail>(failure) : inner.SubmitQualityEstimateJobAsync(request, cancellationToken);

        public override Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default) =>
            FailFindFor.ContainsKey(objectKey) ? Task.FromException<JobDetail?>(Failure) : inner.FindJobByClientTokenAsync(objectKey, clientToken, since, cancellationToken);

        public override Task<JobsLookupResult> GetJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var left = Volatile.Read(ref _failGetJobs);
                if (left <= 0)
                {
                    return inner.GetJobsAsync(jobIds, cancellationToken);
                }

                if (Interlocked.CompareExchange(ref _failGetJobs, left - 1, left) == left)
                {
                    return Task.FromException<JobsLookupResult>(Failure);
                }
            }
        }
    }
}
