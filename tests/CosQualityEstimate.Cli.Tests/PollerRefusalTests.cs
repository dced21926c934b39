using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A refusal while waiting (revoked credentials, no permission, quota: 401/403-type answers) stops the batch with exit 3
/// and a consistent journal instead of polling silently until Ctrl+C; transient failures (5xx, throttling, transport)
/// keep being retried.
/// </summary>
public sealed class PollerRefusalTests : IAsyncLifetime
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

    public static TheoryData<int, string> Refusals => new()
    {
        { 403, "AccessDenied" },
        { 401, "InvalidAccessKeyId" },
        { 403, "SignatureDoesNotMatch" },
        { 404, "NoSuchBucket" }, // FailureClass.InputRefused: also never asked again
        { 400, "InvalidArgument" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_wait_round_stops_the_run_with_the_refusal_and_every_job_id_journaled(int status, string code)
    {
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4", "c.mp4"), default);
        using var inner = NewClient();
        var client = new BatchTransientFailureTests.FaultyClient(inner) { FailGetJobs = int.MaxValue, Failure = new CosServiceException(status, code, "refused", "req-1", null) };
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(10) });

        var thrown = await Assert.ThrowsAsync<CosServiceException>(() => runner.RunAsync(CancellationToken.None));

        Assert.Equal(status, thrown.Status);
        Assert.Equal(ExitCodes.ServiceRefused, ExitCodes.FromException(thrown).Code);
        Assert.True(client.FailGetJobs > int.MaxValue - 5, "the refusal was asked again and again");
        var rows = journal.ReadAll();
        Assert.DoesNotContain(rows, r => r.Progress == JournalProgress.InDoubt); // nothing left in doubt
        Assert.Equal(rows.Count(r => r.JobId is not null), _emulator.SubmittedJobCount); // every job that exists is journaled
    }

    [Theory]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(429, "SlowDown")]
    [InlineData(500, "InternalError")]
    public async Task A_transient_failure_of_a_wait_round_keeps_being_retried(int status, string code)
    {
        using var journal = BatchJournal.Open(Journal, create: true);
        await journal.AddKeysAsync(BatchReconcileTests.ToAsync("a.mp4", "b.mp4", "c.mp4"), default);
        using var inner = NewClient();
        var client = new BatchTransientFailureTests.FaultyClient(inner) { FailGetJobs = 3, Failure = new CosServiceException(status, code, "try later", "req-1", null) };
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(10) });

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(0, client.FailGetJobs);
        Assert.Equal(new JournalCounts(3, 3, 3, 0), result.Counts);
    }

    [Fact]
    public async Task Cosqe_batch_exits_3_on_a_refused_poll_and_a_rerun_finishes_without_a_second_job()
    {
        File.WriteAllLines(_dir.File("keys.txt"), ["a.mp4", "b.mp4", "c.mp4", "d.mp4"]);
        var env = CliRun.EnvFor(_emulator);
        _emulator.Faults.Enqueue(EmulatorFault.Status(403, "AccessDenied", methodFilter: "GET"));

        var refused = await CliRun.RunAsync(env, ["batch", "--journal", Journal, "--keys", _dir.File("keys.txt"), "--poll-interval", "20ms", "--concurrency", "1"], directory: _dir.Path);

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("cosqe: the service refused:", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        using (var journal = BatchJournal.Open(Journal, create: false))
        {
            var rows = journal.ReadAll();
            Assert.DoesNotContain(rows, r => r.Progress == JournalProgress.InDoubt);
            Assert.Equal(rows.Count(r => r.JobId is not null), _emulator.SubmittedJobCount);
        }

        var rerun = await CliRun.RunAsync(env, ["batch", "--journal", Journal, "--poll-interval", "20ms"], directory: _dir.Path);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(4, _emulator.SubmittedJobCount);
        Assert.StartsWith("4 submitted, 4 succeeded, 0 failed, 0 pending; mode vqaPlus", rerun.Out, StringComparison.Ordinal);
    }
}
