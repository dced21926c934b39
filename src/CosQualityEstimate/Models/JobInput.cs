namespace CosQualityEstimate.Models;

/// <summary>Input of a job as the service reports it (<c>JobsDetail/Input</c>).</summary>
public sealed class JobInput
{
    /// <summary><c>BucketId</c> (the field table also calls it <c>Bucket</c>): the bucket, <c>name-appid</c>.</summary>
    public string? BucketId { get; init; }

    /// <summary><c>Object</c>: the object key.</summary>
    public string? ObjectKey { get; init; }

    /// <summary><c>Region</c>: the bucket's region.</summary>
    public string? Region { get; init; }
}
