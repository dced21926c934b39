using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Journal;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// The batch's background loops wait on the clock only when they have something to do: with nothing to commit the job-id
/// committer, and with no submit call running the lease keep-alive, start no timer (they wait for a signal), so an idle
/// batch has no wake-up of its own and a fake clock cannot run ahead through their ticks. Each check is of what the loop
/// does synchronously before it first yields, so it is exact.
/// </summary>
public sealed class BatchIdleTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly TimerCountingClock _clock = new();
    private readonly BatchJournal _journal;

    public BatchIdleTests() => _journal = BatchJournal.Open(_dir.File("idle.db"), create: true, _clock);

    public void Dispose()
    {
        _journal.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_committer_with_nothing_returned_starts_no_timer()
    {
        using var done = new CancellationTokenSource();
        var run = new JobIdCommitter(_journal, _clock).RunAsync(done.Token);

        Assert.Empty(_clock.Timers);
        await done.CancelAsync();
        await run;
    }

    [Fact]
    public async Task The_committer_with_a_returned_id_waits_one_group_interval()
    {
        using var done = new CancellationTokenSource();
        await _journal.AddKeysAsync(OneKey(), default);
        var committer = new JobIdCommitter(_journal, _clock);
        committer.Add(_journal.ReadAll()[0].Seq, "j1", new JournalState("Submitted"));
        var run = committer.RunAsync(done.Token);

        Assert.Equal([JobIdCommitter.Interval], _clock.Timers);
        await done.CancelAsync();
        await run;
        Assert.Equal("j1", _journal.ReadAll()[0].JobId); // committed on the way out
    }

    [Fact]
    public async Task The_lease_keep_alive_with_no_submit_call_running_starts_no_timer()
    {
        using var done = new CancellationTokenSource();
        var lease = new SendLease(_journal, _clock, TimeSpan.FromSeconds(2));
        using (lease.BeginCall())
        {
        }

        var run = lease.KeepAliveAsync(done.Token);

        Assert.Empty(_clock.Timers);
        await done.CancelAsync();
        await run;
    }

    [Fact]
    public async Task The_lease_keep_alive_with_a_submit_call_running_renews_every_quarter_lease()
    {
        using var done = new CancellationTokenSource();
        var lease = new SendLease(_journal, _clock, TimeSpan.FromSeconds(2));
        using var call = lease.BeginCall();

        var run = lease.KeepAliveAsync(done.Token);

        Assert.Equal([TimeSpan.FromMilliseconds(500)], _clock.Timers);
        await done.CancelAsync();
        await run;
    }

    private static async IAsyncEnumerable<string> OneKey()
    {
        await Task.Yield();
        yield return "a.mp4";
    }

    /// <summary>A fake clock that records the due time of every timer created on it.</summary>
    private sealed class TimerCountingClock : FakeTimeProvider
    {
        private readonly List<TimeSpan> _timers = [];

        public TimerCountingClock()
            : base(DateTimeOffset.UtcNow)
        {
        }

        public IReadOnlyList<TimeSpan> Timers
        {
            get
            {
                lock (_timers)
                {
                    return [.. _timers];
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_timers)
            {
                _timers.Add(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
