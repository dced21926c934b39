using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// BlackWhiteEdge: real bars only. A frame is a candidate when black bars (cropdetect) or white bars (negate, then
/// cropdetect) sit on both opposite sides — top and bottom, or left and right — each at least a share of the picture.
/// A run of candidates is a finding only when it is sustained (at least <see cref="AnalysisPlan.EdgeMinSeconds"/>
/// or <see cref="AnalysisPlan.EdgeMinClipShare"/> of the clip, whichever is shorter), the bars keep the same
/// size over it (<see cref="AnalysisPlan.EdgeSameSizeShare"/> of its frames within
/// <see cref="AnalysisPlan.EdgeSizeTolerance"/> of the median bars, on the bars' axis), and the gray frames in it show the
/// bars as uniform, flat lines on both sides (<see cref="GrayFrameMetrics.Bars"/>). Dark scene edges, vignettes and night shots have
/// texture and change from frame to frame: they are not bars. The area reported is the picture inside the bars, in
/// source pixels.
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
            samples.Add(new FlaggedSample(sample.Time, content is not null, t.Plan.EdgeSampleSeverity));
        }

        var step = data.VideoInterval;
        var minSeconds = Math.Max(t.MinSegmentSeconds, Math.Min(t.Plan.EdgeMinSeconds, t.Plan.EdgeMinClipShare * data.DurationSeconds));
        foreach (var segment in Segmenter.Build(samples, step, data.DurationSeconds, minSeconds, t.MergeGapSeconds))
        {
            var inSegment = boxes
                .Where((b, i) => b is not null && data.Video[i].Time >= segment.Start && data.Video[i].Time < segment.End)
                .Select(b => b!.Value)
                .ToList();
            var common = Common(inSegment, data, t);
            if (!SameSize(inSegment, common, data, t) || !Uniform(segment, data, t))
            {
                continue;
            }

            var scaled = common.Scale(data.AnalysisToSource, data.SourceWidth - 1, data.SourceHeight - 1);
            yield return new Finding(QualityIssueType.BlackWhiteEdge, segment.Start, segment.End, t.Plan.EdgeConfidence, scaled);
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

    /// <summary>The bars of the span: the median inner edge of each bar on the axis most frames have bars on (the other
    /// axis is the full picture: next to a bar, dark content moves the crop box, not the bar).</summary>
    private static PixelBox Common(List<PixelBox> boxes, AnalysisData data, LocalAnalysisThresholds t)
    {
        var (letterbox, pillarbox) = Axes(boxes, data, t);
        return new PixelBox(
            pillarbox ? (int)Segmenter.Median(boxes.Select(b => (double)b.X1)) : 0,
            letterbox ? (int)Segmenter.Median(boxes.Select(b => (double)b.Y1)) : 0,
            pillarbox ? (int)Segmenter.Median(boxes.Select(b => (double)b.X2)) : data.AnalysisWidth - 1,
            letterbox ? (int)Segmenter.Median(boxes.Select(b => (double)b.Y2)) : data.AnalysisHeight - 1);
    }

    /// <summary>Whether the span is letterboxed, pillarboxed (or both): the orientation at least half its frames show.</summary>
    private static (bool Letterbox, bool Pillarbox) Axes(List<PixelBox> boxes, AnalysisData data, LocalAnalysisThresholds t)
    {
        var minX = t.EdgeMinBarShare * data.AnalysisWidth;
        var minY = t.EdgeMinBarShare * data.AnalysisHeight;
        var letterbox = boxes.Count(b => b.Y1 >= minY && data.AnalysisHeight - 1 - b.Y2 >= minY) * 2 >= boxes.Count;
        var pillarbox = boxes.Count(b => b.X1 >= minX && data.AnalysisWidth - 1 - b.X2 >= minX) * 2 >= boxes.Count;
        return (letterbox, pillarbox || !letterbox);
    }

    /// <summary>Most of the boxes have the bars of <paramref name="common"/> within the tolerance: the bars do not move
    /// or breathe (only the bar axis is compared).</summary>
    private static bool SameSize(List<PixelBox> boxes, PixelBox common, AnalysisData data, LocalAnalysisThresholds t)
    {
        var (letterbox, pillarbox) = Axes(boxes, data, t);
        var toleranceX = Math.Max(2, t.Plan.EdgeSizeTolerance * data.AnalysisWidth);
        var toleranceY = Math.Max(2, t.Plan.EdgeSizeTolerance * data.AnalysisHeight);
        var same = boxes.Count(b =>
            (!pillarbox || (Math.Abs(b.X1 - common.X1) <= toleranceX && Math.Abs(b.X2 - common.X2) <= toleranceX))
            && (!letterbox || (Math.Abs(b.Y1 - common.Y1) <= toleranceY && Math.Abs(b.Y2 - common.Y2) <= toleranceY)));
        return same >= t.Plan.EdgeSameSizeShare * boxes.Count;
    }

    /// <summary>At least <see cref="AnalysisPlan.EdgeUniformFrameShare"/> of the gray frames of the span show flat
    /// near-black or near-white bars on both opposite sides (half the minimum share: the gray frames are scaled and the
    /// bar's inner line may be soft).</summary>
    private static bool Uniform(Segment segment, AnalysisData data, LocalAnalysisThresholds t)
    {
        var gray = data.Gray.Where(g => g.Time >= segment.Start && g.Time < segment.End).ToList();
        if (gray.Count == 0)
        {
            return false;
        }

        var minRows = Math.Max(1, (int)(t.EdgeMinBarShare * data.GrayHeight / 2));
        var minColumns = Math.Max(1, (int)(t.EdgeMinBarShare * data.GrayWidth / 2));
        return gray.Count(g => g.Bars.OnBothSides(minRows, minColumns)) >= t.Plan.EdgeUniformFrameShare * gray.Count;
    }
}
