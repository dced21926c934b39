namespace CosQualityEstimate.Objects;

/// <summary>
/// Retries and timeouts of object requests. PUT Object, Upload Part, HEAD, GET Bucket, List Parts and DELETE are
/// idempotent and retried on any transient failure; Initiate and Complete Multipart Upload are resent only when they
/// provably did not reach the service, and an ambiguous Complete is checked (List Parts, HEAD) before anything is resent.
/// </summary>
public sealed class ObjectsRetryOptions
{
    /// <summary>Most retries after the first attempt of one request; 0 disables retries. Default 3, at most 10.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the exponential backoff; default 0.8 seconds.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Longest wait between attempts, also the cap of a <c>Retry-After</c>; default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Randomise backoff delays; default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Limit of one attempt (send the body and read the response); default 10 minutes, enough for a part or a
    /// threshold-sized file on a slow link. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(10);

    internal ObjectsRetryOptions Clone() => (ObjectsRetryOptions)MemberwiseClone();
}
