namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>A sample of a per-frame rule: its time, whether it fired, and how strongly (0–1).</summary>
internal readonly record struct FlaggedSample(double Time, bool Flagged, double Severity = 0);

/// <summary>A span where a rule fired, with the mean severity of its samples.</summary>
internal readonly record struct Segment(double Start, double End, double Severity)
{
    public double Length => End - Start;

    /// <summary>The study's confidence: 50 + 50 × severity, 50–100.</summary>
    public int Confidence => (int)Math.Round(50 + (50 * Math.Clamp(Severity, 0, 1)));
}

/// <summary>
/// Turns per-sample flags into time spans: a run of flagged samples spans from its first sample to the next sample
/// (or + one step at the end), runs closer than the merge gap are joined, and runs shorter than the minimum dropped.
/// </summary>
internal static class Segmenter
{
    public static List<Segment> Build(IReadOnlyList<FlaggedSample> samples, double step, double clipEnd, double minSeconds, double mergeGap)
    {
        var runs = new List<(double Start, double End, double SeveritySum, int Count)>();
        double? start = null;
        double severitySum = 0;
        var count = 0;
        foreach (var sample in samples)
        {
            if (sample.Flagged)
            {
                start ??= sample.Time;
                severitySum += sample.Severity;
                count++;
            }
            else if (start is { } s)
            {
                runs.Add((s, sample.Time, severitySum, count));
                start = null;
                severitySum = 0;
                count = 0;
            }
        }

        if (start is { } open)
        {
            var end = samples[^1].Time + step;
            runs.Add((open, clipEnd > open ? Math.Min(end, clipEnd) : end, severitySum, count));
        }

        var merged = new List<(double Start, double End, double SeveritySum, int Count)>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && run.Start - merged[^1].End <= mergeGap)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, run.End, last.SeveritySum + run.SeveritySum, last.Count + run.Count);
            }
            else
            {
                merged.Add(run);
            }
        }

        return merged
            .Where(r => r.End - r.Start >= minSeconds - 1e-9)
            .Select(r => new Segment(r.Start, r.End, r.Count == 0 ? 0 : r.SeveritySum / r.Count))
            .ToList();
    }

    /// <summary>How far <paramref name="value"/> is past <paramref name="threshold"/>, relative to it, capped at 1.</summary>
    public static double Severity(double value, double threshold) =>
        threshold == 0 ? 1 : Math.Clamp(Math.Abs(value - threshold) / Math.Abs(threshold), 0, 1);

    /// <summary>The median of the finite values; <c>NaN</c> when there is none.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var list = values.Where(double.IsFinite).OrderBy(v => v).ToList();
        return list.Count == 0 ? double.NaN : list[list.Count / 2];
    }
}
