using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// Jitter: shaking, from vidstabdetect's per-frame motion (median local vector at 320 px width). A pan is smooth, so
/// the motion minus its moving mean (<see cref="AnalysisPlan.JitterMeanWindowSeconds"/>) is the shake; its
/// RMS over <see cref="AnalysisPlan.JitterRmsWindowSeconds"/> above the threshold marks a frame. Runs
/// only when this ffmpeg has vidstabdetect (otherwise the result carries a note).
/// </summary>
internal sealed class JitterDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Motion is not { Count: > 2 } motion)
        {
            return [];
        }

        var times = motion.Select(m => m.Time).ToArray();
        var meanX = WindowMeans(times, motion.Select(m => m.Dx).ToArray(), t.Plan.JitterMeanWindowSeconds);
        var meanY = WindowMeans(times, motion.Select(m => m.Dy).ToArray(), t.Plan.JitterMeanWindowSeconds);
        var residual = new double[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            var dx = motion[i].Dx - meanX[i];
            var dy = motion[i].Dy - meanY[i];
            residual[i] = (dx * dx) + (dy * dy);
        }

        var meanSquare = WindowMeans(times, residual, t.Plan.JitterRmsWindowSeconds);
        var samples = new List<FlaggedSample>(times.Length);
        for (var i = 0; i < times.Length; i++)
        {
            var rms = Math.Sqrt(meanSquare[i]);
            samples.Add(new FlaggedSample(times[i], rms > t.JitterRmsPixels, Segmenter.Severity(rms, t.JitterRmsPixels)));
        }

        var step = data.MotionInterval;
        return Segmenter.Build(samples, step, data.DurationSeconds, t.JitterMinSeconds, t.MergeGapSeconds)
            .Select(s => new Finding(QualityIssueType.Jitter, s.Start, s.End, s.Confidence));
    }

    /// <summary>The mean of <paramref name="values"/> over a centred time window, for each sample (two pointers, O(n)).</summary>
    private static double[] WindowMeans(double[] times, double[] values, double window)
    {
        var prefix = new double[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i + 1] = prefix[i] + values[i];
        }

        var means = new double[values.Length];
        int lo = 0, hi = 0;
        for (var i = 0; i < values.Length; i++)
        {
            while (times[i] - times[lo] > window / 2)
            {
                lo++;
            }

            hi = Math.Max(hi, i);
            while (hi + 1 < values.Length && times[hi + 1] - times[i] <= window / 2)
            {
                hi++;
            }

            means[i] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
        }

        return means;
    }
}
