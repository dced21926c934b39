namespace CosQualityEstimate.Objects;

/// <summary>The checks <see cref="ObjectsClient.GetSnapshotAsync"/> makes before anything is sent (each snapshot is billed).</summary>
internal static class SnapshotRequestValidator
{
    internal static void Validate(string? objectKey, double timeSeconds, SnapshotOptions options)
    {
        ObjectKeyValidator.Validate(objectKey, nameof(objectKey), forUpload: true);
        if (!double.IsFinite(timeSeconds) || timeSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "The snapshot time must be a finite number of seconds, at least 0.");
        }

        if (options.Width < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Width, "SnapshotOptions.Width must be at least 0 (0 keeps the video's width).");
        }

        if (options.Height < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Height, "SnapshotOptions.Height must be at least 0 (0 keeps the video's height).");
        }

        if (!Enum.IsDefined(options.Format))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Format, "SnapshotOptions.Format must be Jpg or Png.");
        }

        if (!Enum.IsDefined(options.Rotate))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Rotate, "SnapshotOptions.Rotate must be Auto or Off.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "SnapshotOptions.Mode must be ExactFrame or KeyFrame.");
        }
    }

    /// <summary>The wire value of <paramref name="format"/>.</summary>
    internal static string Wire(SnapshotFormat format) => format == SnapshotFormat.Png ? "png" : "jpg";

    /// <summary>The wire value of <paramref name="rotation"/>.</summary>
    internal static string Wire(SnapshotRotation rotation) => rotation == SnapshotRotation.Off ? "off" : "auto";

    /// <summary>The wire value of <paramref name="mode"/>.</summary>
    internal static string Wire(SnapshotMode mode) => mode == SnapshotMode.KeyFrame ? "keyframe" : "exactframe";
}
