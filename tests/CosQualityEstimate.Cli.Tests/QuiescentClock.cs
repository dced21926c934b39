using System.Net.Http;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A fake clock shared by the emulator, the CLI's client, the batch and its journal, which moves only when the system is
/// quiescent: no request in flight (counted by the handler of <see cref="HttpClient"/>, which tests pass to the CLI
/// through <see cref="CliHost.HttpClient"/>) and every wake-up followed up. It then moves to exactly the next due wait —
/// a timer whose state is a <see cref="Task"/>, i.e. a <c>Task.Delay(…, timeProvider, …)</c>. Timers of timeouts (a
/// <see cref="CancellationTokenSource"/>'s, Polly's), of the emulator's job progression and of the journal's hold refresh
/// are not waits: they fire when the clock passes them, never pull it forward. So a request never times out while it is
/// in flight, the emulator's queue never moves while the CLI is sending, and an outcome never depends on how fast the
/// machine is.
/// </summary>
/// <remarks>
/// <para>
/// A wake-up is a response that arrived or a wait the clock moved through; it is followed up when some flow starts a
/// wait or a request. The clock cannot see which flow does so, so the rule is only sound if no flow starts waits for no
/// reason: a loop that wakes every few milliseconds on its own would follow up every wake-up itself and let the clock run
/// ahead of a flow still working on a response (that was the cause of the extra <c>progress:</c> lines of
/// <c>BatchTests</c>' auth-failure test: the job-id committer woke every 20 ms and the lease keep-alive every 0.5 s for
/// the whole run, so fake time ran on while a flow wrote the journal, past the 10 s progress tick). The CLI's waits all
/// have a reason now, and none restarts itself without one: the poller waits while a job is open, the committer after a
/// job id returned, the keep-alive while a submit call runs, the reconciler between its look-ups, the library between its
/// retries; with nothing to do each waits on a signal, not on the clock. A refused batch has no wait left once its
/// sends returned (<c>BatchTests.A_refusal_ends_the_batch_at_once_with_the_clock_standing_still</c> runs it on a
/// clock that never moves).
/// </para>
/// <para>
/// One case cannot be seen from outside: a flow that wakes and then awaits something that is not time or the network
/// (the tail of parallel submits, a channel, a journal write on the thread pool). Only then, after <see cref="Settle"/>
/// of real time with nothing in flight, nothing new, no work item run on the thread pool and no more of its threads
/// busy than the fewest seen in this drive, does the wake-up count as followed up (<see cref="Settles"/> counts those).
/// This is a heuristic; it is wrong only if a flow works for that long without any thread-pool work item and without
/// holding a pool thread (the CLI's journal writes are synchronous SQLite calls on pool threads, so they hold one), or if the pool stays busy
/// for <see cref="MaxBusySettles"/> settles in a row (about 3 s; then the wake-up counts as followed up anyway, so a drive
/// never hangs on a loaded machine, and other work may still be running). What
/// a wrong settle, or a follow-up by another flow, can change is bounded: the clock still never moves while a request is
/// in flight (so no request timeout fires mid-request and the emulator's queue stands still while the CLI sends), and it
/// moves only to a wait some flow asked for; so what can differ is when, in fake time, a wait ends relative to work that
/// takes no fake time — an ordering real time produces too, which the product must handle — and how much fake time has
/// passed. Hence tests on this clock assert outcomes (exit codes, summary lines, journal rows, job counts), and a
/// progress line's presence where the run's fake length makes it certain, never a count of progress lines. The tests on
/// this clock run in <see cref="QuiescentClockCollection"/>, alone, so other tests' work does not keep the pool busy.
/// </para>
/// </remarks>
internal sealed class QuiescentClock : FakeTimeProvider, IDisposable
{
    /// <summary>How long a wake-up with no follow-up, no request in flight and nothing happening is given before it counts as settled.</summary>
    internal static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    /// <summary>How many settles in a row a busy thread pool may refuse before a wake-up counts as followed up anyway (liveness only).</summary>
    internal const int MaxBusySettles = 30;

    /// <summary>How long nothing at all may happen (no request, no wait, no end) before the drive fails with a diagnostic.</summary>
    internal static readonly TimeSpan Stuck = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly List<(DateTimeOffset Due, Task Waiter)> _waits = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _owed;

    internal QuiescentClock(DateTimeOffset start)
        : base(start)
    {
        HttpClient = new HttpClient(new InFlightHandler(this)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The HttpClient to pass to the CLI (<see cref="CliHost.HttpClient"/>): its handler counts requests in flight.</summary>
    internal HttpClient HttpClient { get; }

    /// <summary>A new handler counting on this clock, for a test that puts its own handler in front (an HttpClient of its own).</summary>
    internal HttpMessageHandler NewInFlightHandler() => new InFlightHandler(this);

    /// <summary>How many times <see cref="DriveAsync{T}"/> moved the clock.</summary>
    internal int Advances { get; private set; }

    /// <summary>How many times a wake-up counted as followed up only after <see cref="Settle"/> (see the remarks).</summary>
    internal int Settles { get; private set; }

    /// <summary>A clock starting at the real time (so journaled times look plausible).</summary>
    internal static QuiescentClock StartingNow() => new(DateTimeOffset.UtcNow);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is Task waiter && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _waits.Add((GetUtcNow() + dueTime, waiter));
                FollowedUp();
            }
        }

        return timer;
    }

    /// <summary>
    /// Runs <paramref name="run"/> to its end on this clock: whenever nothing is in flight and every wake-up is followed
    /// up, the clock moves to the next due wait (timers due on the way, the emulator's included, fire in order).
    /// </summary>
    internal async Task<T> DriveAsync<T>(Task<T> run)
    {
        await DriveCoreAsync(run, until: null).ConfigureAwait(false);
        return await run.ConfigureAwait(false);
    }

    /// <summary>
    /// Drives <paramref name="run"/> as <see cref="DriveAsync{T}"/> does, but not past <paramref name="until"/>: returns
    /// once the clock is there and the system is quiescent (no request in flight, every wake-up followed up, no wait
    /// due), or when <paramref name="run"/> ends first.
    /// </summary>
    internal Task DriveUntilAsync(Task run, DateTimeOffset until) => DriveCoreAsync(run, until);

    private async Task DriveCoreAsync(Task run, DateTimeOffset? until)
    {
        lock (_gate)
        {
            if (_inFlight == 0 && NextWait() is null)
            {
                _owed++; // the run has not shown yet what it waits for: its first wait or request follows this up
            }
        }

        var lastChange = DateTimeOffset.UtcNow;
        var leastBusy = int.MaxValue;
        var busySettles = 0;
        while (!run.IsCompleted)
        {
            Task changed;
            TimeSpan? step = null;
            bool settling;
            lock (_gate)
            {
                changed = _changed.Task;
                settling = _inFlight == 0 && _owed > 0;
                if (_inFlight == 0 && _owed == 0)
                {
                    var due = NextWait();
                    if (until is { } end && (due is null || due > end))
                    {
                        if (GetUtcNow() >= end)
                        {
                            return;
                        }

                        step = end - GetUtcNow();
                    }
                    else if (due is { } next)
                    {
                        step = next - GetUtcNow();
                        _owed += _waits.Count(w => w.Due <= next);
                    }
                }
            }

            if (step is { } by)
            {
                Advances++;
                Advance(by < TimeSpan.Zero ? TimeSpan.Zero : by);
                lastChange = DateTimeOffset.UtcNow;
                continue;
            }

            var completed = ThreadPool.CompletedWorkItemCount;
            leastBusy = Math.Min(leastBusy, BusyThreads());
            var settle = settling ? Task.Delay(Settle) : Task.Delay(Stuck);
            var first = await Task.WhenAny(run, changed, settle).ConfigureAwait(false);
            if (first == changed)
            {
                lastChange = DateTimeOffset.UtcNow;
            }
            else if (first == settle)
            {
                lock (_gate)
                {
                    // Settled only if nothing changed and the thread pool did nothing meanwhile but this drive's own timer
                    // (a flow still working on a response completes work items), and no more pool threads are busy than the
                    // fewest seen in this drive (a flow blocked in a journal write holds one): otherwise look again.
                    if (settling && !changed.IsCompleted && _inFlight == 0 && ThreadPool.PendingWorkItemCount == 0 && ((ThreadPool.CompletedWorkItemCount - completed <= 2 && BusyThreads() <= leastBusy) || ++busySettles >= MaxBusySettles))
                    {
                        _owed = 0;
                        busySettles = 0;
                        Settles++;
                        continue;
                    }
                }

                if (!settling && DateTimeOffset.UtcNow - lastChange >= Stuck)
                {
                    throw new TimeoutException($"nothing happened for {Stuck}: {_inFlight} request(s) in flight, {_owed} wake-up(s) owed, {_waits.Count(w => !w.Waiter.IsCompleted)} wait(s) pending.");
                }
            }
        }
    }

    /// <summary>Disposes <see cref="HttpClient"/>.</summary>
    public void Dispose() => HttpClient.Dispose();

    /// <summary>How many thread-pool threads are running work now, this drive's own not counted.</summary>
    private static int BusyThreads()
    {
        ThreadPool.GetMaxThreads(out var max, out _);
        ThreadPool.GetAvailableThreads(out var available, out _);
        return max - available - (Thread.CurrentThread.IsThreadPoolThread ? 1 : 0);
    }

    /// <summary>The due time of the earliest pending wait (completed and cancelled ones dropped), or null. Under <see cref="_gate"/>.</summary>
    private DateTimeOffset? NextWait()
    {
        _waits.RemoveAll(w => w.Waiter.IsCompleted);
        return _waits.Count == 0 ? null : _waits.Min(w => w.Due);
    }

    /// <summary>A wait or a request started: one wake-up is followed up. Under <see cref="_gate"/>.</summary>
    private void FollowedUp()
    {
        if (_owed > 0)
        {
            _owed--;
        }

        Signal();
    }

    /// <summary>Wakes <see cref="DriveAsync{T}"/>. Under <see cref="_gate"/>.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void RequestStarted()
    {
        lock (_gate)
        {
            _inFlight++;
            FollowedUp();
        }
    }

    private void RequestEnded()
    {
        lock (_gate)
        {
            _inFlight--;
            _owed++;
            Signal();
        }
    }

    /// <summary>Counts a request in flight from its start until its whole answer is read (buffered here), or it fails.</summary>
    private sealed class InFlightHandler(QuiescentClock clock) : DelegatingHandler(new SocketsHttpHandler { AutomaticDecompression = global::System.Net.DecompressionMethods.None })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            clock.RequestStarted();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                clock.RequestEnded();
            }
        }
    }
}

/// <summary>
/// The tests driven by a <see cref="QuiescentClock"/>: xUnit runs this collection alone (after the parallel ones), so
/// the clock's settle check sees only the thread-pool work of the run it drives.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuiescentClockCollection
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "quiescent clock";
}
