using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Which frames a video keeps: a poster at a fifth of the clip (at most 30 s in, past any opening black), and one frame
/// per finding at its middle — findings with the same middle share it — the most confident first, up to
/// <see cref="JournalFrames.MaxFramesPerVideo"/> in all. A time is clamped into the clip (a quarter second before its
/// end, where a frame still decodes). The report finds a finding's frame by <see cref="Middle"/> alone.
/// </summary>
internal static class FramePlan
{
    /// <summary>A finding's frame identity: the middle of its span in milliseconds (its start when it has no end; 0 without a start).</summary>
    public static long Middle(double? start, double? end)
    {
        var from = start is { } s && double.IsFinite(s) ? Math.Max(0, s) : 0;
        var to = end is { } e && double.IsFinite(e) ? Math.Max(from, e) : from;
        return (long)Math.Round((from + to) / 2 * 1000, MidpointRounding.AwayFromZero);
    }

    /// <summary>Where the poster is taken.</summary>
    public static double PosterSeconds(double? duration) => duration is > 0 and var d ? Clamp(Math.Min(d / 5, 30), d) : 0;

    /// <summary><paramref name="seconds"/> clamped into a clip of <paramref name="duration"/> (unknown: not past 0 only).</summary>
    public static double Clamp(double seconds, double? duration)
    {
        var at = Math.Max(0, seconds);
        return duration is > 0.5 and var d ? Math.Min(at, d - 0.25) : duration is > 0 ? 0 : at;
    }

    /// <summary>The frames of a video with <paramref name="findings"/> and <paramref name="duration"/>: the poster first.</summary>
    public static List<PlannedFrame> For(IReadOnlyList<JournalFinding> findings, double? duration)
    {
        var poster = PosterSeconds(duration);
        var plan = new List<PlannedFrame> { new(FrameRole.Poster, (long)Math.Round(poster * 1000), poster) };
        var seen = new HashSet<long>();
        foreach (var finding in findings.OrderByDescending(f => f.Confidence ?? 0).ThenBy(f => f.Start ?? 0))
        {
            if (plan.Count >= JournalFrames.MaxFramesPerVideo)
            {
                break;
            }

            var at = Middle(finding.Start, finding.End);
            if (seen.Add(at))
            {
                plan.Add(new PlannedFrame(FrameRole.Finding, at, Clamp(at / 1000.0, duration)));
            }
        }

        return plan;
    }
}
