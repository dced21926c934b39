using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Reconciliation of keys in doubt: when the look-ups start, how often they look, and the send lease behind it.</summary>
[Collection(QuiescentClockCollection.Name)]
public sealed class BatchReconcileTests : IAsyncLifetime
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

    private string Journal => _dir.File("run.db");

    private JobsClient NewClient() => new(_clock.HttpClient, new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential, TimeProvider = _clock });

    [Fact]
    public void The_first_look_up_waits_from_the_last_possible_send_not_from_the_token_time()
    {
        // Tokens are committed a chunk ahead: token at T0, send (and lease) at T0+11.9 s, killed at T0+12 s, rerun at T0+13 s.
        var t0 = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
        var lease = t0.AddSeconds(11.9) + TimeSpan.FromSeconds(2);
        var now = t0.AddSeconds(13);
        var settle = TimeSpan.FromSeconds(5);

        var first = ReconcileSchedule.FirstLook(lease, now, settle, TimeSpan.FromSeconds(2));

        Assert.Equal(lease + settle, first);
        Assert.True(first - now > settle, "the look-up must not start before the lease plus the settle");
    }

    [Fact]
    public void Without_a_lease_the_first_look_up_waits_the_whole_settle_and_a_far_future_lease_is_capped()
    {
        var now = new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);
        var settle = TimeSpan.FromSeconds(5);
        var leaseLength = TimeSpan.FromSeconds(2);

        Assert.Equal(now + settle, ReconcileSchedule.FirstLook(null, now, settle, leaseLength));
        Assert.Equal(now + leaseLength + settle, ReconcileSchedule.FirstLook(now.AddHours(1), now, settle, leaseLength));
        Assert.Equal(now.AddMinutes(-10) + settle, ReconcileSchedule.FirstLook(now.AddMinutes(-10), now, settle, leaseLength));
        Assert.Equal(TimeSpan.FromSeconds(1), ReconcileSchedule.Spacing(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Every_submit_is_sent_only_while_a_committed_send_lease_covers_it_and_a_clean_end_closes_the_lease()
    {
        using var journal = BatchJournal.Open(Journal, create: true, _clock);
        await journal.AddKeysAsync(ToAsync(Enumerable.Range(1, 20).Select(i => $"v/{i}.mp4").ToArray()), default);
        var client = new LeaseCheckingClient(NewClient(), Journal, _clock, TimeSpan.FromMilliseconds(200));
        var runner = new BatchRunner(client, journal, new BatchOptions { Concurrency = 4, NoWait = true, SendLease = TimeSpan.FromSeconds(2) }, _clock);

        // Each submit takes 200 ms of the fake clock (4 s in all, twice the lease): the lease must be renewed to stay ahead of it.
        var result = await _clock.DriveAsync(runner.RunAsync(CancellationToken.None));

        Assert.Equal(20, result.Counts.Submitted);
        Assert.Equal(20, client.Submits);
        Assert.Empty(client.Uncovered);
        var closed = journal.ReadSendLease();
        Assert.NotNull(closed);
        Assert.True(closed <= _clock.GetUtcNow(), $"lease {closed:O} still open after every submit returned");
    }

    [Fact]
    public async Task A_submit_that_lands_after_its_token_was_long_journaled_is_found_on_resume_not_resent()
    {
        // The dead run journaled the token 10 s before it sent the submit (chunk prepared ahead); the submit is still in
        // flight when the rerun starts. The rerun's first look-up waits for the lease plus the settle (3 s) on the fake
        // clock, which the test moves only after the in-flight submit has landed: the look-up is after the landing by
        // construction, not by a race with real time.
        var keys = _dir.File("keys.txt");
        File.WriteAllLines(keys, ["late.mp4"]);
        using (var journal = BatchJournal.Open(Journal, create: true, _clock))
        {
            await journal.AddKeysAsync(ToAsync("late.mp4"), default);
            journal.AssignTokens([(journal.ReadAll()[0].Seq, "tokenStillInFlight")], _clock.GetUtcNow().AddSeconds(-10));
            journal.WriteSendLease(_clock.GetUtcNow());
        }

        _emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromMilliseconds(200), "POST"));
        var rerun = CliRun.RunAsync(CliRun.EnvFor(_emulator), ["batch", "--journal", Journal, "--keys", keys, "--poll-interval", "20ms", "--reconcile-settle", "3s"], directory: _dir.Path, time: _clock);
        var landed = await NewClient().SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("late.mp4") { ClientToken = "tokenStillInFlight" });
        Assert.False(rerun.IsCompleted, "the rerun must still be waiting for the settle");

        var result = await _clock.DriveAsync(rerun);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, _emulator.SubmittedJobCount);
        using var after = BatchJournal.Open(Journal, create: false);
        Assert.Equal(landed.JobId, after.ReadAll().Single().JobId);
    }

    [Fact]
    public async Task The_rerun_does_not_look_before_the_lease_plus_the_settle()
    {
        using var journal = BatchJournal.Open(Journal, create: true, _clock);
        await journal.AddKeysAsync(ToAsync("doubt.mp4"), default);
        journal.AssignTokens([(journal.ReadAll()[0].Seq, "tokenInDoubt")]);
        journal.WriteSendLease(_clock.GetUtcNow().AddSeconds(1));
        var client = new CountingClient(NewClient());
        var runner = new BatchRunner(client, journal, new BatchOptions { NoWait = true, ReconcileSettle = TimeSpan.FromSeconds(3) }, _clock);

        var start = _clock.GetUtcNow();
        var run = runner.RunAsync(CancellationToken.None);
        await _clock.DriveUntilAsync(run, start + TimeSpan.FromSeconds(3.9)); // returns with the run parked at 3.9 s
        var looksBefore = client.Looks;
        var result = await _clock.DriveAsync(run);

        Assert.Equal(0, looksBefore); // 1 s of lease + 3 s of settle: not yet at 3.9 s
        Assert.Equal(3, client.Looks); // then 3 looks, a second apart, before the resend
        Assert.Equal(1, result.Counts.Submitted);
    }

    internal static async IAsyncEnumerable<string> ToAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            await Task.Yield();
            yield return key;
        }
    }

    /// <summary>Forwards to a real client, counting the look-ups by client token.</summary>
    private sealed class CountingClient(JobsClient inner) : JobsClient
    {
        private int _looks;

        public int Looks => Volatile.Read(ref _looks);

        public override Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) =>
            inner.SubmitQualityEstimateJobAsync(request, cancellationToken);

        public override Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _looks);
            return inner.FindJobByClientTokenAsync(objectKey, clientToken, since, cancellationToken);
        }

        public override Task<JobsLookupResult> GetJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default) =>
            inner.GetJobsAsync(jobIds, cancellationToken);
    }

    /// <summary>
    /// Forwards to a real client and checks, at each submit, that a lease covering now is already committed on disk; then
    /// moves <paramref name="clock"/> by <paramref name="duration"/> (the submit takes that long on the fake clock).
    /// </summary>
    private sealed class LeaseCheckingClient(JobsClient inner, string journalPath, FakeTimeProvider clock, TimeSpan duration) : JobsClient
    {
        private int _submits;

        public int Submits => _submits;

        public System.Collections.Concurrent.ConcurrentBag<string> Uncovered { get; } = [];

        public override Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default)
        {
            using (var reader = BatchJournal.Open(journalPath, create: false))
            {
                var lease = reader.ReadSendLease();
                if (lease is null || lease < clock.GetUtcNow())
                {
                    Uncovered.Add($"{request.ObjectKey}: lease {lease:O}");
                }
            }

            Interlocked.Increment(ref _submits);
            clock.Advance(duration);
            return inner.SubmitQualityEstimateJobAsync(request, cancellationToken);
        }

        public override Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default) =>
            inner.FindJobByClientTokenAsync(objectKey, clientToken, since, cancellationToken);

        public override Task<JobsLookupResult> GetJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default) =>
            inner.GetJobsAsync(jobIds, cancellationToken);
    }
}
