using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// Blur: blurdetect (every 2nd frame of the ≤ 640 px analysis picture) above an absolute threshold, or above a multiple
/// of the clip's median and a floor — blurdetect's scale depends on the content, so a focus loss in a sharp clip is
/// found relative to the rest of it. Flat frames (blurdetect gives NaN) and black spans are skipped.
/// </summary>
internal sealed class BlurDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Blur.Count == 0)
        {
            return [];
        }

        var median = Segmenter.Median(data.Blur.Select(b => b.Value));
        var relative = double.IsNaN(median) ? double.PositiveInfinity : Math.Max(t.BlurRelativeFloor, t.BlurRelativeToMedian * median);
        var threshold = Math.Min(t.BlurAbsolute, relative);
        var samples = data.Blur.Select(b => new FlaggedSample(
            b.Time,
            double.IsFinite(b.Value) && b.Value > threshold && !data.BlackSpans.Any(s => b.Time >= s.Start && b.Time < s.End),
            Segmenter.Severity(b.Value, threshold))).ToList();
        var step = AnalysisData.Step(data.Blur.Select(b => b.Time), 0.08);
        return Segmenter.Build(samples, step, data.DurationSeconds, t.MinSegmentSeconds, t.MergeGapSeconds)
            .Select(s => new Finding(QualityIssueType.Blur, s.Start, s.End, s.Confidence));
    }
}
