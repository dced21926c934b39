using System.Globalization;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// CrashScreen: a corrupted picture. The video decoder's messages (only the video stream's: audio, subtitle and data
/// decoder messages never count) say where to look; the picture decides. Messages closer than the merge gap form one
/// span, which is a CrashScreen when the errors persist (messages at
/// <see cref="LocalAnalysisThresholds.CrashScreenMinErrorFrames"/> or more analysed frames) or when the picture shows
/// damage at that time: a concealment artefact, i.e. an analysed frame whose luma jumps away from both neighbours
/// (<c>signalstats</c> YDIF to the previous frame and from it to the next one both above
/// <see cref="AnalysisPlan.CrashScreenJumpRelativeToMedian"/> × the clip's median and
/// <see cref="AnalysisPlan.CrashScreenJumpFloor"/>; a scene cut jumps once, not back), or a gray frame there
/// as blocky as a Mosaic (concealed macroblocks). A message with no
/// visible damage — a recoverable warning such as "A non-intra slice in an IDR NAL unit", an informational line — is a
/// note, never a finding. A span lasts at least one frame; the decoder's delay makes spans start up to a few frames early.
/// </summary>
internal sealed class CrashScreenDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t) =>
        Spans(data, t).Where(s => s.Crash).Select(s => Make(s, data, t));

    public IEnumerable<string> Notes(AnalysisData data, LocalAnalysisThresholds t)
    {
        foreach (var span in Spans(data, t).Where(s => !s.Crash))
        {
            var first = data.DecoderMessages.FirstOrDefault(m => m.Time >= span.Start - 1e-9 && m.Time <= span.Last + 1e-9);
            var what = first.Text is null ? string.Empty : $" (\"{first.Text}\")";
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"note: the video decoder reported {span.ErrorFrames} message frame(s) at {span.Start:0.##}–{span.Last:0.##} s{what} with no visible damage: not a CrashScreen.");
        }
    }

    private static List<ErrorSpan> Spans(AnalysisData data, LocalAnalysisThresholds t)
    {
        var spans = new List<ErrorSpan>();
        if (data.DecoderErrorTimes.Count == 0)
        {
            return spans;
        }

        var frameStep = data.VideoInterval;
        var jump = JumpThreshold(data, t);
        double? start = null;
        var last = 0.0;
        var count = 0;
        foreach (var time in data.DecoderErrorTimes.Order())
        {
            if (start is not null && time - last > t.MergeGapSeconds)
            {
                spans.Add(Judge(start.Value, last, count, frameStep, jump, data, t));
                start = null;
                count = 0;
            }

            start ??= time;
            last = time;
            count++;
        }

        if (start is { } s)
        {
            spans.Add(Judge(s, last, count, frameStep, jump, data, t));
        }

        return spans;
    }

    private static ErrorSpan Judge(double start, double last, int errorFrames, double frameStep, double jump, AnalysisData data, LocalAnalysisThresholds t)
    {
        var persistent = errorFrames >= t.CrashScreenMinErrorFrames;
        var damaged = Damaged(start, last, frameStep, jump, data, t) || Blocky(start, last, data, t);
        return new ErrorSpan(start, last, last + frameStep, errorFrames, persistent || damaged);
    }

    /// <summary>A gray frame within one gray-frame interval of the messages that is blocky by the Mosaic rule
    /// (concealed macroblocks): grid blockiness above <see cref="LocalAnalysisThresholds.BlockinessRatio"/> and
    /// <see cref="AnalysisPlan.BlockinessRelativeToMedian"/> × the clip's median.</summary>
    private static bool Blocky(double start, double last, AnalysisData data, LocalAnalysisThresholds t)
    {
        var median = Segmenter.Median(data.Gray.Select(g => g.Blockiness));
        if (double.IsNaN(median))
        {
            return false; // not measured (picture wider than the gray frames)
        }

        var threshold = Math.Max(t.BlockinessRatio, t.Plan.BlockinessRelativeToMedian * median);
        var interval = data.GrayInterval;
        return data.Gray.Any(g => g.Time >= start - interval && g.Time <= last + interval && g.Blockiness > threshold);
    }

    /// <summary>A frame from just before the first message to a few frames after the last
    /// (<see cref="AnalysisPlan.CrashScreenDamageWindowFrames"/>) whose luma jumps away from both its
    /// neighbours (the error shows in the frames decoded after the message is printed).</summary>
    private static bool Damaged(double start, double last, double frameStep, double jump, AnalysisData data, LocalAnalysisThresholds t)
    {
        var video = data.Video;
        var from = start - frameStep;
        var to = last + (t.Plan.CrashScreenDamageWindowFrames * frameStep);
        int lo = 0, hi = video.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (video[mid].Time < from)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = Math.Max(1, lo); i + 1 < video.Count && video[i].Time <= to; i++)
        {
            if (video[i].YDif > jump && video[i + 1].YDif > jump)
            {
                return true;
            }
        }

        return false;
    }

    private static double JumpThreshold(AnalysisData data, LocalAnalysisThresholds t)
    {
        var median = Segmenter.Median(data.Video.Select(v => v.YDif));
        return double.IsNaN(median) ? double.PositiveInfinity : Math.Max(t.Plan.CrashScreenJumpFloor, t.Plan.CrashScreenJumpRelativeToMedian * median);
    }

    private static Finding Make(ErrorSpan span, AnalysisData data, LocalAnalysisThresholds t) =>
        new(
            QualityIssueType.CrashScreen,
            span.Start,
            data.DurationSeconds > 0 ? Math.Min(span.End, data.DurationSeconds) : span.End,
            Math.Min(99, t.Plan.CrashScreenBaseConfidence + span.ErrorFrames));

    /// <summary>Messages from <see cref="Start"/> to <see cref="Last"/> (frame times), the span ending one frame after
    /// the last, and whether the picture makes it a crash.</summary>
    private readonly record struct ErrorSpan(double Start, double Last, double End, int ErrorFrames, bool Crash);
}
