namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// When the look-ups of keys in doubt may start. Tokens are committed ahead of their sends (a chunk is prepared while the
/// previous one is being sent), so a token's time says nothing about when its submit left; the send lease does: the
/// previous run sent nothing after its last committed lease.
/// </summary>
internal static class ReconcileSchedule
{
    /// <summary>
    /// The first look-up waits until the previous run's last possible send (<paramref name="sendLease"/>; "now" when the
    /// journal has none) plus <paramref name="settle"/>, capped at now + lease length + settle (a clock stepped back).
    /// </summary>
    public static DateTimeOffset FirstLook(DateTimeOffset? sendLease, DateTimeOffset now, TimeSpan settle, TimeSpan leaseLength)
    {
        var lastPossibleSend = sendLease ?? now;
        var first = lastPossibleSend + settle;
        var cap = now + leaseLength + settle;
        return first > cap ? cap : first;
    }

    /// <summary>The pause between two look-ups of a key not found yet: a third of the settle.</summary>
    public static TimeSpan Spacing(TimeSpan settle) => settle / 3;
}
