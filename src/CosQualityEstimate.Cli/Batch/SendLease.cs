using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Rule 2 of docs/cli.md ("Send lease"): no submit is sent unless the journal holds a committed (fsynced) lease later
/// than now. <see cref="EnsureCovered"/> runs before each send; <see cref="KeepAliveAsync"/> renews the lease while any
/// submit call is still running (the library's own retries inside one call stay covered); <see cref="Close"/> ends it
/// when every submit has returned. A later run starts its look-ups of keys in doubt from the last committed lease.
/// </summary>
internal sealed class SendLease
{
    private readonly BatchJournal _journal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _length;
    private readonly Lock _gate = new();
    private DateTimeOffset? _until;

    public SendLease(BatchJournal journal, TimeProvider time, TimeSpan length)
    {
        _journal = journal;
        _time = time;
        _length = length;
    }

    /// <summary>Commits a lease covering now, renewed when less than half of it is left; called before every send.</summary>
    public void EnsureCovered() => Renew(onlyIfHeld: false);

    /// <summary>Renews a held lease every quarter of its length until <paramref name="done"/> fires.</summary>
    public async Task KeepAliveAsync(CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_length / 4, _time, done).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Renew(onlyIfHeld: true);
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

    private void Renew(bool onlyIfHeld)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if ((onlyIfHeld && _until is null) || (_until is { } until && now + (_length / 2) <= until))
            {
                return;
            }

            var next = now + _length;
            _journal.WriteSendLease(next);
            _until = next;
        }
    }
}
