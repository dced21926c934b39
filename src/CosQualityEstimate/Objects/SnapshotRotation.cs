namespace CosQualityEstimate.Objects;

/// <summary>Whether a snapshot follows the video's rotation metadata (GetSnapshot's <c>rotate</c>).</summary>
public enum SnapshotRotation
{
    /// <summary><c>auto</c>: rotated as the video's rotation information says; the service's default.</summary>
    Auto,

    /// <summary><c>off</c>: the stored picture, not rotated.</summary>
    Off,
}
