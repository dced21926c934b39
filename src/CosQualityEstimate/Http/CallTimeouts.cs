using Polly.Timeout;

namespace CosQualityEstimate.Http;

/// <summary>
/// The overall and per-attempt timeouts of a client's default resilience pipeline, applied by the HTTP pipeline itself
/// (around the run of the resilience pipeline and around each attempt) instead of two Polly timeout strategies: the same
/// behaviour (<see cref="TimeoutRejectedException"/> with Polly's message when a timeout fires and the caller did not
/// cancel, driven by the client's <see cref="TimeProvider"/>) with two async layers less per attempt. The retry stays a Polly
/// strategy between the two. Used only for a pipeline the client builds from its own options with nothing added by the
/// caller; a caller's pipeline or added strategies keep all three as Polly strategies.
/// </summary>
internal sealed class CallTimeouts
{
    /// <summary>A spare cancellation source of this thread (system clock only), reset after use: no source and timer per scope.</summary>
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    /// <summary>A second spare of this thread: a call holds two scopes at once (the overall one and its attempt's), so with
    /// one spare the attempt's source, and its timer, would be created anew for every call.</summary>
    [ThreadStatic]
    private static CancellationTokenSource? t_spare2;

    /// <summary>Creates the timeouts; <see cref="Timeout.InfiniteTimeSpan"/> disables either.</summary>
    /// <param name="overall">The limit of one run of the resilience pipeline (every attempt and the waits between them).</param>
    /// <param name="attempt">The limit of one attempt.</param>
    /// <param name="time">The clock the timeouts run on.</param>
    internal CallTimeouts(TimeSpan overall, TimeSpan attempt, TimeProvider time)
    {
        Overall = overall;
        Attempt = attempt;
        Time = time;
    }

    /// <summary>The overall timeout; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    internal TimeSpan Overall { get; }

    /// <summary>The attempt timeout; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    internal TimeSpan Attempt { get; }

    /// <summary>The clock the timeouts run on.</summary>
    internal TimeProvider Time { get; }

    /// <summary>Starts a scope limited to <paramref name="timeout"/> and cancelled with <paramref name="outer"/>; end it with <see cref="TimeoutScope.End"/>.</summary>
    /// <param name="timeout">The limit; <see cref="Timeout.InfiniteTimeSpan"/> gives a scope that only passes <paramref name="outer"/> on.</param>
    /// <param name="outer">The token of the enclosing scope (the caller's, or the overall timeout's).</param>
    internal TimeoutScope Begin(TimeSpan timeout, CancellationToken outer)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return TimeoutScope.Pass(outer);
        }

        CancellationTokenSource source;
        var pooled = ReferenceEquals(Time, TimeProvider.System);
        if (pooled)
        {
            if (t_spare is { } spare)
            {
                source = spare;
                t_spare = null;
            }
            else if (t_spare2 is { } second)
            {
                source = second;
                t_spare2 = null;
            }
            else
            {
                source = new CancellationTokenSource();
            }

            source.CancelAfter(timeout);
        }
        else
        {
            // As Polly's pool does for a clock other than the system's: a source on that clock's timer, created idle and
            // then armed (the clock sees a timer created with no due time, then changed), so a test clock that
            // advances itself when a timer is created does not fire the timeout.
            source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Time);
            source.CancelAfter(timeout);
        }

        // As Polly's timeout strategy does: the caller's cancellation cancels the scope's token too.
        var registration = outer.CanBeCanceled
            ? outer.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
            : default;
        return new TimeoutScope(source, registration, outer, timeout, pooled);
    }

    /// <summary>Returns a source that did not fire to one of this thread's two spare slots, or disposes it.</summary>
    /// <param name="source">The scope's source, its registration already disposed.</param>
    internal static void Release(CancellationTokenSource source)
    {
        if ((t_spare is null || t_spare2 is null) && source.TryReset())
        {
            if (t_spare is null)
            {
                t_spare = source;
            }
            else
            {
                t_spare2 = source;
            }

            return;
        }

        source.Dispose();
    }
}

/// <summary>One timeout scope (a run of the resilience pipeline, or an attempt): its token and whether its own limit fired.</summary>
internal readonly struct TimeoutScope
{
    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _registration;
    private readonly CancellationToken _outer;
    private readonly TimeSpan _timeout;
    private readonly bool _pooled;

    internal TimeoutScope(CancellationTokenSource? source, CancellationTokenRegistration registration, CancellationToken outer, TimeSpan timeout, bool pooled)
    {
        _source = source;
        _registration = registration;
        _outer = outer;
        _timeout = timeout;
        _pooled = pooled;
    }

    /// <summary>A scope without a limit of its own: it passes <paramref name="outer"/> on.</summary>
    /// <param name="outer">The token of the enclosing scope.</param>
    internal static TimeoutScope Pass(CancellationToken outer) => new(null, default, outer, Timeout.InfiniteTimeSpan, pooled: false);

    /// <summary>The token the work in the scope runs with.</summary>
    internal CancellationToken Token => _source?.Token ?? _outer;

    /// <summary>
    /// True when <paramref name="exception"/> is the cancellation this scope's own limit caused: a cancellation while the
    /// limit fired and the outer token was not cancelled (Polly's timeout strategy decides the same way). Call it from an
    /// exception filter, before <see cref="End"/>.
    /// </summary>
    /// <param name="exception">The failure of the work in the scope.</param>
    internal bool TimedOut(Exception exception) =>
        _source is not null && exception is OperationCanceledException && _source.IsCancellationRequested && !_outer.IsCancellationRequested;

    /// <summary>The exception Polly's timeout strategy throws for the same timeout, with the cancellation as its inner exception.</summary>
    /// <param name="cancellation">The cancellation the timeout caused.</param>
    internal TimeoutRejectedException Rejected(Exception cancellation) =>
        new($"The operation didn't complete within the allowed timeout of '{_timeout}'.", _timeout, cancellation);

    /// <summary>Ends the scope: unlinks it from the outer token and releases its source.</summary>
    internal void End()
    {
        if (_source is null)
        {
            return;
        }

        _registration.Dispose();
        if (_pooled)
        {
            CallTimeouts.Release(_source);
        }
        else
        {
            _source.Dispose();
        }
    }
}
