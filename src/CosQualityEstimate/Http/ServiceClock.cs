namespace CosQualityEstimate.Http;

/// <summary>
/// The service's clock as this connection knows it: the local <see cref="TimeProvider"/> plus the offset learnt from
/// <c>RequestTimeTooSkewed</c> answers. One per <see cref="CosClientCore"/>: the signer signs with it and the submit and
/// batch look-ups ask it what "since" means on the service.
/// </summary>
internal sealed class ServiceClock
{
    private readonly TimeProvider _local;
    private long _offsetTicks;

    internal ServiceClock(TimeProvider local)
    {
        _local = local;
    }

    /// <summary>Correction added to the local clock (service time minus local time).</summary>
    internal TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    /// <summary>The current time on the service's clock.</summary>
    internal DateTimeOffset Now => _local.GetUtcNow() + Offset;

    /// <summary>Maps a time read from the local clock to the service's clock.</summary>
    /// <param name="local">A time read from the local clock.</param>
    internal DateTimeOffset ToService(DateTimeOffset local) => local + Offset;
}
