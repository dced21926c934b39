using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// BlackWhiteEdge: black bars (cropdetect) or white bars (negate, then cropdetect) on both opposite sides — top and
/// bottom, or left and right — each at least a share of the picture. One-sided "bars" are bright or dark content,
/// not borders. The area reported is the picture inside the bars, in source pixels.
/// </summary>
internal sealed class EdgeDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Video.Count == 0)
        {
            yield break;
        }

        var boxes = new PixelBox?[data.Video.Count];
        var samples = new List<FlaggedSample>(data.Video.Count);
        for (var i = 0; i < data.Video.Count; i++)
        {
            var sample = data.Video[i];
            PixelBox? content = null;
            if (!SolidColorDetector.IsSolid(sample, data, t))
            {
                content = Bars(sample.BlackCrop, data, t) ?? Bars(sample.WhiteCrop, data, t);
            }

            boxes[i] = content;
            samples.Add(new FlaggedSample(sample.Time, content is not null, 0.8));
        }

        var step = AnalysisData.Step(data.Video.Select(v => v.Time), 0.04);
        foreach (var segment in Segmenter.Build(samples, step, data.DurationSeconds, t.MinSegmentSeconds, t.MergeGapSeconds))
        {
            var area = boxes
                .Where((b, i) => b is not null && data.Video[i].Time >= segment.Start && data.Video[i].Time < segment.End)
                .Select(b => b!.Value)
                .GroupBy(b => b)
                .OrderByDescending(g => g.Count())
                .Select(g => (PixelBox?)g.Key)
                .FirstOrDefault();
            var scaled = area?.Scale(data.AnalysisToSource, data.SourceWidth - 1, data.SourceHeight - 1);
            yield return new Finding(QualityIssueType.BlackWhiteEdge, segment.Start, segment.End, 90, scaled);
        }
    }

    /// <summary>The content box when the crop box leaves bars on two opposite sides; <c>null</c> otherwise.</summary>
    private static PixelBox? Bars(PixelBox? crop, AnalysisData data, LocalAnalysisThresholds t)
    {
        if (crop is not { } box || box.X1 > box.X2 || box.Y1 > box.Y2)
        {
            return null; // cropdetect's inverted box on an empty picture
        }

        var minX = t.EdgeMinBarShare * data.AnalysisWidth;
        var minY = t.EdgeMinBarShare * data.AnalysisHeight;
        var top = box.Y1;
        var bottom = data.AnalysisHeight - 1 - box.Y2;
        var left = box.X1;
        var right = data.AnalysisWidth - 1 - box.X2;
        var letterbox = top >= minY && bottom >= minY;
        var pillarbox = left >= minX && right >= minX;
        return letterbox || pillarbox ? box : null;
    }
}
