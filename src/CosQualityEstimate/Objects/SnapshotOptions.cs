namespace CosQualityEstimate.Objects;

/// <summary>
/// Size, format, rotation and frame choice of a snapshot (<see cref="ObjectsClient.GetSnapshotAsync"/>). The defaults are
/// the service's: the video's own size, JPEG, rotated as the video says, the exact frame.
/// </summary>
public sealed class SnapshotOptions
{
    /// <summary>
    /// Width in pixels, at least 0; 0 (default) keeps the video's width, or follows the aspect ratio when only
    /// <see cref="Height"/> is set.
    /// </summary>
    public int Width { get; set; }

    /// <summary>
    /// Height in pixels, at least 0; 0 (default) keeps the video's height, or follows the aspect ratio when only
    /// <see cref="Width"/> is set.
    /// </summary>
    public int Height { get; set; }

    /// <summary>The picture format; default <see cref="SnapshotFormat.Jpg"/>.</summary>
    public SnapshotFormat Format { get; set; } = SnapshotFormat.Jpg;

    /// <summary>Whether the video's rotation metadata is applied; default <see cref="SnapshotRotation.Auto"/>.</summary>
    public SnapshotRotation Rotate { get; set; } = SnapshotRotation.Auto;

    /// <summary>Which frame is taken; default <see cref="SnapshotMode.ExactFrame"/>.</summary>
    public SnapshotMode Mode { get; set; } = SnapshotMode.ExactFrame;
}
