using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// Blur: blurdetect (about 2 frames a second of the ≤ 640 px analysis picture) above an absolute threshold, or above a multiple
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
        var relative = double.IsNaN(median) ? double.PositiveInfinity : Math.Max(t.Plan.BlurRelativeFloor, t.BlurRelativeToMedian * median);
        var threshold = Math.Min(t.BlurAbsolute, relative);

        // blurdetect sees about 2 frames a second: each value stands for the half
        // step on either side of its frame, so a span starts and ends half a step before the samples that bound it
        // (otherwise a span would lag the picture by up to one step).
        var step = data.BlurInterval;
        var samples = data.Blur.Select(b => new FlaggedSample(
            Math.Max(0, b.Time - (step / 2)),
            double.IsFinite(b.Value) && b.Value > threshold && !data.BlackSpans.Any(s => b.Time >= s.Start && b.Time < s.End),
            Segmenter.Severity(b.Value, threshold))).ToList();

        // At least two blurred samples in a row, whatever the frame rate: one sample's span is one step (0.48 s at 25
        // fps, 0.53 s at 30 fps), which alone would pass MinSegmentSeconds at some rates and not at others.
        var minSeconds = Math.Max(t.MinSegmentSeconds, 1.5 * step);
        return Segmenter.Build(samples, step, data.DurationSeconds, minSeconds, t.MergeGapSeconds)
            .Select(s => new Finding(QualityIssueType.Blur, s.Start, s.End, s.Confidence));
    }
}
