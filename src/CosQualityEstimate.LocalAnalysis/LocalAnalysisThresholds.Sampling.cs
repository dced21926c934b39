namespace CosQualityEstimate.LocalAnalysis;

/// <summary>The sampling that couples the ffmpeg graph to the detectors: each coupling is one value here, which both sides read.</summary>
public sealed partial class LocalAnalysisThresholds
{
    /// <summary>
    /// NoVoice / LowVoice / HighVoice: length of the audio windows (seconds) whose level and clipping are measured; ffmpeg
    /// cuts the audio into windows of this length and the audio detectors step by it. Between 0.02 and 1.
    /// </summary>
    public double AudioWindowSeconds { get; set; } = 0.1;

    /// <summary>A copy whose later changes do not affect this instance (and the other way round).</summary>
    internal LocalAnalysisThresholds Clone() => (LocalAnalysisThresholds)MemberwiseClone();
}
