namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// The one cancellation story of a batch. The user's stop (<see cref="User"/>) ends dispatching at once, ends the
/// reconcile look-ups and the polling, and gives submits already in flight <see cref="Grace"/> to return before they are
/// aborted (<see cref="InFlight"/>), so their job ids are journaled. A failure that must stop sending (a refusal, the
/// service unavailable) calls <see cref="EndSending"/>: dispatching ends (<see cref="Dispatch"/>), in-flight submits and
/// polling go on. Nothing else cancels anything.
/// </summary>
internal sealed class BatchStop : IDisposable
{
    /// <summary>How long submits in flight may take to return after the user's stop.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _dispatch;
    private readonly CancellationTokenSource _inFlight;
    private readonly CancellationTokenRegistration _onUser;

    public BatchStop(CancellationToken user, TimeProvider time)
    {
        User = user;
        _dispatch = CancellationTokenSource.CreateLinkedTokenSource(user);
        _inFlight = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _onUser = user.Register(() => _inFlight.CancelAfter(Grace));
    }

    /// <summary>The user's stop (Ctrl+C / SIGTERM).</summary>
    public CancellationToken User { get; }

    /// <summary>Fires when no new submit may be dispatched: the user's stop or <see cref="EndSending"/>.</summary>
    public CancellationToken Dispatch => _dispatch.Token;

    /// <summary>Fires <see cref="Grace"/> after the user's stop: submits still in flight are aborted (they stay in doubt).</summary>
    public CancellationToken InFlight => _inFlight.Token;

    /// <summary>Stops dispatching (submits in flight and polling go on).</summary>
    public void EndSending() => _dispatch.Cancel();

    public void Dispose()
    {
        _onUser.Dispose();
        _dispatch.Dispose();
        _inFlight.Dispose();
    }
}
