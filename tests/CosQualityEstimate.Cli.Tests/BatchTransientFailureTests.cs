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
        Assert.Equal("Success", after[2].State);
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
