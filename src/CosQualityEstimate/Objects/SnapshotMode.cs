namespace CosQualityEstimate.Objects;

/// <summary>Which frame a snapshot shows (GetSnapshot's <c>mode</c>).</summary>
public enum SnapshotMode
{
    /// <summary><c>exactframe</c>: the frame at the requested time; the service's default.</summary>
    ExactFrame,

    /// <summary><c>keyframe</c>: the last keyframe before the requested time (faster for the service, less exact).</summary>
    KeyFrame,
}
