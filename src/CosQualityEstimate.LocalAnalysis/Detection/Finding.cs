using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>One occurrence of a problem: type, time span (seconds), confidence 0–100 and, where known, the area in source pixels.</summary>
internal sealed record Finding(QualityIssueType Type, double Start, double End, int Confidence, PixelBox? Area = null);

/// <summary>A detector of one finding type or family. Detectors are pure: they read <see cref="AnalysisData"/> and thresholds.</summary>
internal interface IDetector
{
    IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds thresholds);

    /// <summary>Lines for <see cref="LocalAnalysisResult.Notes"/>: something seen that is not a finding (e.g. a decoder
    /// warning with no visible damage). None by default.</summary>
    IEnumerable<string> Notes(AnalysisData data, LocalAnalysisThresholds thresholds) => [];
}
