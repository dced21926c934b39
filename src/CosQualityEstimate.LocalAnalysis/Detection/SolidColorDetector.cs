using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// SolidColorScreen: a picture of one colour — blackdetect's black spans, or frames whose Y, U and V are all nearly
/// constant (signalstats 10th–90th percentile spread). Other picture detectors skip these frames.
/// </summary>
internal sealed class SolidColorDetector : IDetector
{
    public static bool IsSolid(VideoSample sample, AnalysisData data, LocalAnalysisThresholds t) =>
        (sample.YSpread <= t.SolidColorMaxSpread && sample.USpread <= t.SolidColorMaxSpread && sample.VSpread <= t.SolidColorMaxSpread)
        || data.BlackSpans.Any(s => sample.Time >= s.Start - 1e-6 && sample.Time < s.End - 1e-6);

    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Video.Count == 0)
        {
            yield break;
        }

        var samples = data.Video.Select(s => new FlaggedSample(s.Time, IsSolid(s, data, t), t.Plan.SolidColorSampleSeverity)).ToList();
        var step = data.VideoInterval;
        foreach (var segment in Segmenter.Build(samples, step, data.DurationSeconds, t.MinSegmentSeconds, t.MergeGapSeconds))
        {
            yield return new Finding(QualityIssueType.SolidColorScreen, segment.Start, segment.End, t.Plan.SolidColorConfidence);
        }
    }
}
