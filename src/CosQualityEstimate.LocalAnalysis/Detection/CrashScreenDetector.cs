using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// CrashScreen: a corrupted picture, found from the video decoder's error lines (each placed at the time of the last
/// frame printed before it). Errors closer than the merge gap form one span; a span lasts at least one frame.
/// The decoder's delay makes spans start up to a few frames early.
/// </summary>
internal sealed class CrashScreenDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.DecoderErrorTimes.Count == 0)
        {
            yield break;
        }

        var frameStep = AnalysisData.Step(data.Video.Select(v => v.Time), 0.04);
        double? start = null;
        var last = 0.0;
        var count = 0;
        foreach (var time in data.DecoderErrorTimes.Order())
        {
            if (start is not null && time - last > t.MergeGapSeconds)
            {
                yield return Make(start.Value, last + frameStep, count, data);
                start = null;
                count = 0;
            }

            start ??= time;
            last = time;
            count++;
        }

        if (start is { } s)
        {
            yield return Make(s, last + frameStep, count, data);
        }
    }

    private static Finding Make(double start, double end, int errorFrames, AnalysisData data) =>
        new(QualityIssueType.CrashScreen, start, data.DurationSeconds > 0 ? Math.Min(end, data.DurationSeconds) : end, Math.Min(99, 70 + errorFrames));
}
