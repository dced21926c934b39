using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Rule 2 of docs/cli.md ("Send lease"): no submit is sent unless the journal holds a committed (fsynced) lease later
/// than now. <see cref="BeginCall"/> runs before each send and counts the submit call as running until its scope is
/// disposed; <see cref="KeepAliveAsync"/> renews the lease while any submit call is still running (the library's own
/// retries inside one call stay covered) and, while none is, waits for one without a timer (nothing to cover, so no
/// wake-up); <see cref="Close"/> ends it when every submit has returned. A later run starts its look-ups of keys in doubt
/// from the last committed lease.
/// </summary>
internal sealed class SendLease
{
    private readonly BatchJournal _journal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _length;
    private readonly Lock _gate = new();
    private DateTimeOffset? _until;
    private int _running;
    private TaskCompletionSource _callRunning = NewSignal();

    public SendLease(BatchJournal journal, TimeProvider time, TimeSpan length)
    {
        _journal = journal;
        _time = time;
        _length = length;
    }

    /// <summary>
    /// Commits a lease covering now (renewed when less than half of it is left) and counts one submit call as running
    /// until the returned scope is disposed; called before every send, the scope held for the whole call.
    /// </summary>
    public Call BeginCall()
    {
        Renew(onlyIfHeld: false);
        lock (_gate)
        {
            _running++;
            _callRunning.TrySetResult();
        }

        return new Call(this);
    }

    /// <summary>
    /// Renews a held lease every quarter of its length while a submit call is running, until <paramref name="done"/>
    /// fires. While no call is running it waits for one to begin (no timer: there is nothing to cover).
    /// </summary>
    public async Task KeepAliveAsync(CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            Task running;
            lock (_gate)
            {
                running = _callRunning.Task;
            }

            try
            {
                await running.WaitAsync(done).ConfigureAwait(false);
                await Task.Delay(_length / 4, _time, done).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Renew(onlyIfHeld: true, onlyWhileRunning: true);
        }
    }

    /// <summary>Every submit of this run has returned: the lease ends now (a later run need not wait for it).</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_until is { } until)
            {
                var now = _time.GetUtcNow();
                _journal.WriteSendLease(now < until ? now : until);
                _until = null;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void EndCall()
    {
        lock (_gate)
        {
            if (--_running == 0)
            {
                _callRunning = NewSignal();
            }
        }
    }

    private void Renew(bool onlyIfHeld, bool onlyWhileRunning = false)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if ((onlyIfHeld && _until is null) || (onlyWhileRunning && _running == 0) || (_until is { } until && now + (_length / 2) <= until))
            {
                return;
            }

            var next = now + _length;
            _journal.WriteSendLease(next);
            _until = next;
        }
    }

    /// <summary>One submit call inside the lease (<see cref="BeginCall"/>); disposing it ends the call.</summary>
    internal readonly struct Call : IDisposable
    {
        private readonly SendLease? _lease;

        internal Call(SendLease lease) => _lease = lease;

        /// <summary>The submit call returned.</summary>
        public void Dispose() => _lease?.EndCall();
    }
}
