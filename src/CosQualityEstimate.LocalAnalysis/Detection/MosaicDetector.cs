using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// Mosaic: pixelation tiles (a grid of flat cells; the area is where they are) or compression blockiness on the
/// 8-px grid above an absolute ratio and a multiple of the clip's median (content that is itself aligned to the
/// grid scores high everywhere). Blockiness alone must last <see cref="AnalysisPlan.MosaicBlockinessMinSeconds"/>
/// (consecutive gray frames): the first frame after a scene cut in a low-bitrate stream is briefly blocky, which is
/// not a mosaic. ffmpeg's blockdetect is not used: in 5.1 it accumulates from frame to frame.
/// </summary>
internal sealed class MosaicDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Gray.Count == 0)
        {
            yield break;
        }

        var median = Segmenter.Median(data.Gray.Select(g => g.Blockiness));
        var blockThreshold = double.IsNaN(median) ? double.PositiveInfinity : Math.Max(t.BlockinessRatio, t.Plan.BlockinessRelativeToMedian * median);
        var step = data.GrayInterval;
        var blockySamples = data.Gray.Select(g => new FlaggedSample(g.Time, double.IsFinite(g.Blockiness) && g.Blockiness > blockThreshold)).ToList();
        var blockySpans = Segmenter.Build(blockySamples, step, data.DurationSeconds, t.Plan.MosaicBlockinessMinSeconds, 0);
        var span = 0;
        var samples = data.Gray.Select(g =>
        {
            while (span < blockySpans.Count && blockySpans[span].End - 1e-9 <= g.Time)
            {
                span++; // samples and spans are both in time order
            }

            var blocky = span < blockySpans.Count && g.Time >= blockySpans[span].Start - 1e-9;
            var severity = g.Pixelation is not null ? 0.9 : Segmenter.Severity(g.Blockiness, blockThreshold);
            return new FlaggedSample(g.Time, g.Pixelation is not null || blocky, severity);
        }).ToList();
        foreach (var segment in Segmenter.Build(samples, step, data.DurationSeconds, t.MinSegmentSeconds, t.MergeGapSeconds))
        {
            var boxes = data.Gray.Where(g => g.Time >= segment.Start && g.Time < segment.End && g.Pixelation is not null).Select(g => g.Pixelation!.Value).ToList();
            PixelBox? area = boxes.Count == 0
                ? null
                : boxes.Aggregate((a, b) => a.Union(b)).Scale(data.GrayToSource, data.SourceWidth - 1, data.SourceHeight - 1);
            yield return new Finding(QualityIssueType.Mosaic, segment.Start, segment.End, segment.Confidence, area);
        }
    }
}
