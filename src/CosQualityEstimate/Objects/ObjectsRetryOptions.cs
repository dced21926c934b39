using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>
/// Retries and timeouts of object requests (defaults: 3 retries, backoff from 0.8 s capped at 30 s, 10-minute attempts).
/// PUT Object, Upload Part, HEAD, GET Bucket, List Parts and DELETE are idempotent and retried on any transient failure;
/// Initiate and Complete Multipart Upload are resent only when they provably did not reach the service, and an ambiguous
/// Complete is checked (List Parts, HEAD) before anything is resent. One part is sent at most <c>MaxRetries + 1</c> times.
/// </summary>
public sealed class ObjectsRetryOptions : RequestRetryOptions
{
    /// <summary>Creates the object client's defaults.</summary>
    public ObjectsRetryOptions()
        : base(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10))
    {
    }

    internal ObjectsRetryOptions Clone() => (ObjectsRetryOptions)MemberwiseClone();
}
