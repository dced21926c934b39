namespace CosQualityEstimate.Models;

/// <summary>The job's <c>QualityEstimateConfig</c> as echoed by the service.</summary>
public sealed class QualityEstimateSettings
{
    /// <summary>Rotation angle, when the service echoed a number (see <see cref="RawRotate"/>).</summary>
    public int? Rotate { get; init; }

    /// <summary>The rotation exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawRotate { get; init; }

    /// <summary>The analysis mode; <c>null</c> when absent or not recognised (see <see cref="RawMode"/>).</summary>
    public QualityEstimateMode? Mode { get; init; }

    /// <summary>The mode exactly as the service sent it.</summary>
    public string? RawMode { get; init; }
}
