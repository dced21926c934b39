using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// One failure taxonomy, one exit code per meaning, in every command (docs/cli.md "Exit codes"): a server error or
/// throttling that outlasts the library's retries exits 4 ("stayed unknown or unavailable"), never 3; 3 is kept for real
/// refusals. Each fault is answered with <c>Retry-After: 0</c> so the library's four attempts take no backoff time.
/// </summary>
public sealed class ExitCodeConsistencyTests : IAsyncLifetime
{
    private const int Attempts = 4; // the first attempt and the library's three retries
    private readonly TempDir _dir = new();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    private void Fail(int status, string code, string method)
    {
        for (var i = 0; i < Attempts; i++)
        {
            _emulator.Faults.Enqueue(EmulatorFault.Status(status, code, "0", method));
        }
    }

    private async Task<string> SubmittedJobIdAsync()
    {
        using var client = new JobsClient(new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential });
        return (await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("videos/a.mp4"))).JobId;
    }

    private Task<CliResult> Run(params string[] args) => CliRun.RunAsync(CliRun.EnvFor(_emulator), args, directory: _dir.Path);

    [Fact]
    public async Task Get_a_503_after_the_retries_exits_4()
    {
        var id = await SubmittedJobIdAsync();
        Fail(503, "ServiceUnavailable", "GET");

        var result = await Run("get", id);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.StartsWith("cosqe: the service is unavailable: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_a_503_after_the_retries_exits_4()
    {
        var id = await SubmittedJobIdAsync();
        Fail(503, "ServiceUnavailable", "GET");

        var result = await Run("wait", id, "--poll-interval", "10ms");

        Assert.True(result.ExitCode == 4, result.ToString());
    }

    [Fact]
    public async Task Submit_throttling_after_the_retries_exits_4_and_creates_no_job()
    {
        Fail(503, "SlowDown", "POST");

        var result = await Run("submit", "videos/a.mp4");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("the service is throttling: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Estimate_a_429_after_the_retries_exits_4_and_creates_no_job()
    {
        Fail(429, "TooManyRequests", "POST");

        var result = await Run("estimate", "videos/a.mp4", "--poll-interval", "10ms");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Equal(0, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Batch_a_429_after_the_retries_exits_4_and_leaves_nothing_in_doubt()
    {
        var keys = _dir.File("keys.txt");
        File.WriteAllLines(keys, ["a.mp4", "b.mp4"]);
        var journal = _dir.File("run.db");
        Fail(429, "TooManyRequests", "POST");

        var result = await Run("batch", "--journal", journal, "--keys", keys, "--concurrency", "1", "--poll-interval", "10ms");

        Assert.True(result.ExitCode == 4, result.ToString());
        using var store = BatchJournal.Open(journal, create: false);
        Assert.Empty(store.ReadInDoubt()); // throttled = provably not processed: a rerun sends it without a look-up
        Assert.True(_emulator.SubmittedJobCount == 0, result + string.Join("\n", store.ReadAll()));
    }

    [Fact]
    public async Task A_real_refusal_still_exits_3_in_get_and_submit()
    {
        var id = await SubmittedJobIdAsync();
        var env = CliRun.EnvFor(_emulator);
        env["COS_SECRET_KEY"] = "not-the-right-secret-key-000000000";

        var get = await CliRun.RunAsync(env, ["get", id], directory: _dir.Path);
        var submit = await CliRun.RunAsync(env, ["submit", "videos/b.mp4"], directory: _dir.Path);

        Assert.True(get.ExitCode == 3, get.ToString());
        Assert.True(submit.ExitCode == 3, submit.ToString());
        Assert.StartsWith("cosqe: the service refused: ", Assert.Single(submit.ErrorLines), StringComparison.Ordinal);
    }
}
