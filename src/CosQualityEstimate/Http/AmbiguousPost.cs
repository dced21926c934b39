using System.Runtime.CompilerServices;

namespace CosQualityEstimate.Http;

/// <summary>
/// The one rule for a non-idempotent POST (a job submit, Complete Multipart Upload) whose attempt failed ambiguously
/// (<see cref="FailureKind.Ambiguous"/>: a timeout or reset after sending, a 5xx, an unreadable answer): never resend it
/// blindly. Ask the service what happened first (<see cref="PostCheck{T}"/>), and resend only when that proves the POST
/// had no effect — at most <see cref="MaxResends"/> times, a budget of its own, separate from the pipeline's retries (which
/// resend a POST only when it provably never reached the service).
/// </summary>
internal static class AmbiguousPost
{
    /// <summary>Most resends of one POST, each after a check proved the previous attempt had no effect.</summary>
    internal const int MaxResends = 3;

    /// <summary>Sends with <paramref name="send"/>; after an ambiguous failure, <paramref name="verify"/> decides.</summary>
    /// <param name="state">The call's arguments, passed to the callbacks (static lambdas keep the call allocation-free).</param>
    /// <param name="send">One send of the POST through the pipeline (its own retries included); a value task, awaited
    /// exactly once per send, so a sender may return a pooled one.</param>
    /// <param name="verify">
    /// Looks at the service after the ambiguous failure (the exception, the resend number from 0): the POST's result when
    /// it took effect, <see cref="PostCheck{T}.NotApplied"/> when it provably did not, <see cref="PostCheck{T}.Unknown"/> when
    /// nothing is proven (the failure is rethrown); it may also throw an exception of its own that says more.
    /// </param>
    /// <param name="onResend">Called before each resend (for a log line), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>A pooled <see cref="ValueTask{TResult}"/> (no state machine allocated per POST): await it exactly once,
    /// or call <see cref="ValueTask{TResult}.AsTask"/> once to keep it.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal static async ValueTask<T> SendAsync<TState, T>(
        TState state,
        Func<TState, CancellationToken, ValueTask<T>> send,
        Func<TState, Exception, int, CancellationToken, Task<PostCheck<T>>> verify,
        Action<TState>? onResend,
        CancellationToken cancellationToken)
    {
        for (var resend = 0; ; resend++)
        {
            try
            {
                return await send(state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (FailureClassifier.Classify(ex, cancellationToken) == FailureKind.Ambiguous)
            {
                var check = await verify(state, ex, resend, cancellationToken).ConfigureAwait(false);
                if (check.Applied)
                {
                    return check.Result!;
                }

                if (!check.ProvedNotApplied || resend >= MaxResends)
                {
                    // Not proven, or proven not applied but out of resends: surface the failure as it was.
                    throw;
                }

                onResend?.Invoke(state);
            }
            catch (Exception ex) when (resend > 0 && MarkResent(ex))
            {
                throw; // not reached: MarkResent returns false (the filter only marks the exception)
            }
        }
    }

    /// <summary>
    /// Marks a POST that was resent (after a check proved an earlier attempt had no effect) and then failed
    /// (<see cref="CosFailureInfo.Resent"/>): whatever the last failure says, it covers only the last send, so a caller must
    /// not treat the request as provably not processed.
    /// </summary>
    private static bool MarkResent(Exception exception)
    {
        CosFailureInfo.RecordResent(exception);
        return false;
    }
}
