using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>cosqe batch end to end, on one fake clock shared by the emulator, the client, the batch and the journal.</summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class BatchTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly QuiescentClock _clock = QuiescentClock.StartingNow();
    private CosEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CliRun.FastEmulatorAsync(_clock);

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _dir.Dispose();
        _clock.Dispose();
    }

    private Dictionary<string, string?> Env => CliRun.EnvFor(_emulator);

    private string Journal => _dir.File("run.db");

    private string WriteKeys(params string[] keys)
    {
        var path = _dir.File("keys.txt");
        File.WriteAllLines(path, keys);
        return path;
    }

    private static string[] Keys(int n) => Enumerable.Range(1, n).Select(i => $"videos/ep{i:000}.mp4").ToArray();

    private Task<CliResult> Batch(params string[] extra) =>
        _clock.DriveAsync(CliRun.RunAsync(Env, ["batch", "--journal", Journal, "--poll-interval", "20ms", .. extra], directory: _dir.Path, time: _clock));

    [Fact]
    public async Task Batch_submits_every_key_waits_and_ends_with_the_summary_line()
    {
        var keys = WriteKeys([.. Keys(25), "", "# a comment", "  videos/ep001.mp4  "]);

        var result = await Batch("--keys", keys, "--concurrency", "4");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("25 submitted, 25 succeeded, 0 failed, 0 pending; mode vqaPlus", result.Out.Trim());
        Assert.Equal(25, _emulator.SubmittedJobCount);
        using var journal = BatchJournal.Open(Journal, create: false);
        Assert.All(journal.ReadAll(), r =>
        {
            Assert.NotNull(r.JobId);
            Assert.NotNull(r.ClientToken);
            Assert.Equal(JournalState.Success, r.State);
            Assert.NotNull(r.Score);
        });
    }

    [Fact]
    public async Task Rerunning_a_finished_batch_sends_nothing()
    {
        var keys = WriteKeys(Keys(10));
        Assert.Equal(0, (await Batch("--keys", keys)).ExitCode);

        var again = await Batch("--keys", keys);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("10 submitted, 10 succeeded, 0 failed, 0 pending; mode vqaPlus", again.Out.Trim());
        Assert.Equal(10, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task No_wait_submits_and_a_later_run_waits()
    {
        var keys = WriteKeys(Keys(8));

        var first = await Batch("--keys", keys, "--no-wait");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"^8 submitted, \d+ succeeded, 0 failed, \d+ pending; mode vqaPlus$", first.Out.Trim());

        var second = await Batch("--keys", keys);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("8 submitted, 8 succeeded, 0 failed, 0 pending; mode vqaPlus", second.Out.Trim());
        Assert.Equal(8, _emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Keys_from_standard_input()
    {
        var result = await _clock.DriveAsync(CliRun.RunAsync(Env, ["batch", "--journal", Journal, "--keys", "-", "--poll-interval", "20ms", "--output", "json"], stdin: "a.mp4\nb.mp4\n\nc.mp4\n", directory: _dir.Path, time: _clock));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(3, json.RootElement.GetProperty("submitted").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task Prefix_lists_keys_through_the_object_store()
    {
        var store = new FakeObjectStore();
        store.Keys.AddRange(["show/a.mp4", "show/b.mp4", "other/c.mp4"]);

        var result = await _clock.DriveAsync(CliRun.RunAsync(Env, ["batch", "--journal", Journal, "--prefix", "show/", "--poll-interval", "20ms"], objects: store, directory: _dir.Path, time: _clock));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 submitted, 2 succeeded, 0 failed, 0 pending; mode vqaPlus", result.Out.Trim());
        Assert.Equal(["show/a.mp4", "show/b.mp4"], EmulatorJobs.Snapshot(_emulator).Select(j => j.Key!).Order().ToArray());
    }

    [Fact]
    public async Task Prefix_lists_the_bucket_through_the_object_client()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("v.mp4"), "video bytes");
        using var client = new CosQualityEstimate.Jobs.JobsClient(new CosQualityEstimate.Jobs.JobsClientOptions
        {
            Bucket = _emulator.Bucket,
            Region = _emulator.Region,
            Endpoint = _emulator.Endpoint,
            Credential = _emulator.Credential,
            TimeProvider = _clock,
        });
        foreach (var key in new[] { "season/e1.mp4", "season/e2.mp4", "other/x.mp4" })
        {
            await client.Objects.UploadFileAsync(dir.File("v.mp4"), key);
        }

        var result = await Batch("--prefix", "season/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 submitted, 2 succeeded, 0 failed, 0 pending; mode vqaPlus", result.Out.Trim());
        Assert.Equal(["season/e1.mp4", "season/e2.mp4"], EmulatorJobs.Snapshot(_emulator).Select(j => j.Key!).Order().ToArray());
    }

    [Fact]
    public async Task A_key_in_doubt_whose_job_exists_is_reconciled_not_resent()
    {
        // A previous run journaled the token, sent the submit and died before journaling the job id.
        var keys = WriteKeys("doubt.mp4", "fresh.mp4");
        using (var journal = BatchJournal.Open(Journal, create: true))
        {
            await journal.AddKeysAsync(ToAsync("doubt.mp4", "fresh.mp4"), default);
            var row = journal.ReadAll().Single(r => r.Key == "doubt.mp4");
            journal.AssignTokens([(row.Seq, "tokenFromTheDeadRun")], _clock.GetUtcNow().AddMinutes(-1));
        }

        var client = new JobsClient(new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential, TimeProvider = _clock });
        var existing = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("doubt.mp4") { ClientToken = "tokenFromTheDeadRun", Mode = QualityEstimateMode.VqaPlus });

        var result = await Batch("--keys", keys, "--reconcile-settle", "0s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 submitted, 2 succeeded, 0 failed, 0 pending; mode vqaPlus", result.Out.Trim());
        Assert.Equal(2, _emulator.SubmittedJobCount);
        using var after = BatchJournal.Open(Journal, create: false);
        Assert.Equal(existing.JobId, after.ReadAll().Single(r => r.Key == "doubt.mp4").JobId);
    }

    [Fact]
    public async Task A_key_in_doubt_whose_submit_never_arrived_is_resent_with_the_same_token()
    {
        var keys = WriteKeys("lost.mp4");
        using (var journal = BatchJournal.Open(Journal, create: true))
        {
            await journal.AddKeysAsync(ToAsync("lost.mp4"), default);
            journal.AssignTokens([(journal.ReadAll()[0].Seq, "tokenNeverSent")], _clock.GetUtcNow().AddMinutes(-1));
        }

        var result = await Batch("--keys", keys, "--reconcile-settle", "0s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = Assert.Single(EmulatorJobs.Snapshot(_emulator));
        Assert.Equal("tokenNeverSent", job.ClientToken);
    }

    [Fact]
    public async Task A_failing_reconciliation_resends_nothing_and_exits_4()
    {
        var keys = WriteKeys("doubt.mp4");
        using (var journal = BatchJournal.Open(Journal, create: true))
        {
            await journal.AddKeysAsync(ToAsync("doubt.mp4"), default);
            journal.AssignTokens([(journal.ReadAll()[0].Seq, "tokenInDoubt")], _clock.GetUtcNow().AddMinutes(-1));
        }

        _emulator.Faults.SetErrorRate(503, 1.0);
        var result = await Batch("--keys", keys, "--reconcile-settle", "0s");
        _emulator.Faults.Reset();

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(0, _emulator.SubmittedJobCount);
        Assert.Equal("0 submitted, 0 succeeded, 0 failed, 1 pending; mode vqaPlus", result.Out.Trim());
    }

    [Fact]
    public async Task A_refused_key_is_recorded_as_failed_and_the_batch_exits_1()
    {
        var keys = WriteKeys("good.mp4", "bad\u0001key.mp4");

        var result = await Batch("--keys", keys);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("1 submitted, 1 succeeded, 1 failed, 0 pending; mode vqaPlus", result.Out.Trim());
        using var journal = BatchJournal.Open(Journal, create: false);
        Assert.Equal(JournalState.Rejected, journal.ReadAll().Single(r => r.Key.StartsWith("bad", StringComparison.Ordinal)).State);
    }

    [Fact]
    public async Task Authentication_failure_stops_the_batch_with_exit_3()
    {
        var keys = WriteKeys(Keys(5));
        var env = Env;
        env["COS_SECRET_KEY"] = "wrong-key-wrong-key-wrong-key-00";

        var result = await _clock.DriveAsync(CliRun.RunAsync(env, ["batch", "--journal", Journal, "--keys", keys], directory: _dir.Path, time: _clock));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.True(result.ErrorLines.Length == 1, result.ToString());
        Assert.DoesNotContain("wrong-key-wrong-key", result.Error);
        Assert.Equal(0, _emulator.SubmittedJobCount);
        Assert.Equal("0 submitted, 0 succeeded, 0 failed, 5 pending; mode vqaPlus", result.Out.Trim());
    }

    [Fact]
    public async Task A_refusal_ends_the_batch_at_once_with_the_clock_standing_still()
    {
        // Nothing is left to wait for once the refusal stopped sending: no poll interval, no committer or lease tick, no
        // progress line. The clock is never moved here, so a run that still waited on it would never end.
        var keys = WriteKeys(Keys(5));
        var env = Env;
        env["COS_SECRET_KEY"] = "wrong-key-wrong-key-wrong-key-00";
        var start = _clock.GetUtcNow();

        var result = await CliRun.RunAsync(env, ["batch", "--journal", Journal, "--keys", keys, "--progress-interval", "1ms"], directory: _dir.Path, time: _clock).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(start, _clock.GetUtcNow());
        Assert.True(result.ErrorLines.Length == 1 && result.ErrorLines[0].StartsWith("cosqe: the service refused: ", StringComparison.Ordinal), result.ToString());
        Assert.Equal("0 submitted, 0 succeeded, 0 failed, 5 pending; mode vqaPlus", result.Out.Trim());
    }

    [Fact]
    public async Task A_batch_whose_every_key_is_refused_ends_at_once_with_the_clock_standing_still()
    {
        var keys = WriteKeys("bad\u0001one.mp4", "bad\u0001two.mp4");
        var start = _clock.GetUtcNow();

        var result = await CliRun.RunAsync(Env, ["batch", "--journal", Journal, "--keys", keys], directory: _dir.Path, time: _clock).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(start, _clock.GetUtcNow());
        Assert.Equal("0 submitted, 0 succeeded, 2 failed, 0 pending; mode vqaPlus", result.Out.Trim());
    }

    [Fact]
    public async Task Interrupting_stops_cleanly_and_a_rerun_finishes_without_duplicates()
    {
        // Five submits go through, the sixth and seventh (concurrency 2) are held until the interrupt: the stop lands
        // mid-run with exactly two submits in flight, on a clock that stands still until then.
        var keys = WriteKeys(Keys(40));
        using var gate = new SubmitGate(_clock.NewInFlightHandler(), passFirst: 5, hold: 2);
        using var http = new HttpClient(gate) { Timeout = Timeout.InfiniteTimeSpan };
        using var interrupt = new CancellationTokenSource();
        var run = CliRun.RunAsync(Env, ["batch", "--journal", Journal, "--keys", keys, "--concurrency", "2", "--no-wait"], directory: _dir.Path, interrupt: interrupt.Token, time: _clock, http: http);

        await Task.WhenAny(gate.AllHeld, run).Unwrap().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(run.IsCompleted, "the batch ended before its sixth and seventh submits were sent");
        await interrupt.CancelAsync();
        gate.Release();
        var first = await _clock.DriveAsync(run);

        Assert.Equal(130, first.ExitCode);
        Assert.Contains("interrupted", first.Error);
        Assert.Equal(7, _emulator.SubmittedJobCount); // the five, and the two in flight at the stop (they returned within the grace)
        using (var journal = BatchJournal.Open(Journal, create: false))
        {
            // Tokens assigned ahead but never sent were released; the two in flight returned: nothing is left in doubt.
            Assert.Empty(journal.ReadInDoubt());
            Assert.Equal(7, journal.ReadAll().Count(r => r.JobId is not null));
            Assert.Contains(journal.ReadAll(), r => r.ClientToken is null);
        }

        var second = await Batch("--keys", keys, "--reconcile-settle", "0s");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("40 submitted, 40 succeeded, 0 failed, 0 pending; mode vqaPlus", second.Out.Trim());
        Assert.Equal(40, _emulator.SubmittedJobCount);
        Assert.Equal(40, EmulatorJobs.Snapshot(_emulator).Select(j => j.Key).Distinct().Count());
    }

    [Fact]
    public async Task Redirected_output_prints_plain_progress_lines()
    {
        var keys = WriteKeys(Keys(6));
        _emulator.Faults.AddedLatency = TimeSpan.FromMilliseconds(20);

        var result = await Batch("--keys", keys, "--concurrency", "1", "--progress-interval", "10ms");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.StartsWith("progress: ", StringComparison.Ordinal) && l.Contains(" pending, ") && l.Contains("/s, ETA "));
        Assert.DoesNotContain('\r', result.Error);
    }

    /// <summary>Lets the first <c>passFirst</c> submits through and holds the next <c>hold</c> until <see cref="Release"/>.</summary>
    private sealed class SubmitGate(HttpMessageHandler inner, int passFirst, int hold) : DelegatingHandler(inner)
    {
        private readonly TaskCompletionSource _allHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _submits;
        private int _held;

        /// <summary>Completes when <c>hold</c> submits are held.</summary>
        public Task AllHeld => _allHeld.Task;

        public void Release() => _released.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/jobs", StringComparison.Ordinal)
                && Interlocked.Increment(ref _submits) > passFirst)
            {
                if (Interlocked.Increment(ref _held) == hold)
                {
                    _allHeld.TrySetResult();
                }

                await _released.Task.ConfigureAwait(false);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<string> ToAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            await Task.Yield();
            yield return key;
        }
    }
}
