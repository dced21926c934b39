using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>
/// The local score, 0–10 (6 and above is good, as for the service). A documented heuristic, not Tencent's learned model:
/// <c>score = clamp(10 − Σ_type weight_type × √(covered_type / duration), 0, 10)</c>, rounded to one decimal, where
/// covered_type is the length of the union of the type's spans. 10 for a clean clip, 0 with no video. It can only go
/// down as a finding grows or a type is added (monotone). The square root makes a short defect count more than its
/// share of the clip: a defect over the whole clip costs its full weight, one over a quarter of it half its weight.
/// </summary>
internal static class QualityScore
{
    /// <summary>Severity per type: what the type costs when it covers the whole clip. Codes are content, not quality.</summary>
    public static readonly IReadOnlyDictionary<QualityIssueType, double> Weights = new Dictionary<QualityIssueType, double>
    {
        [QualityIssueType.CrashScreen] = 7,
        [QualityIssueType.SolidColorScreen] = 6,
        [QualityIssueType.Blur] = 5,
        [QualityIssueType.Mosaic] = 5,
        [QualityIssueType.Noise] = 4,
        [QualityIssueType.LowLighting] = 4,
        [QualityIssueType.HighLighting] = 4,
        [QualityIssueType.Jitter] = 4,
        [QualityIssueType.HighVoice] = 4,
        [QualityIssueType.NoVoice] = 3,
        [QualityIssueType.LowVoice] = 2,
        [QualityIssueType.BlackWhiteEdge] = 1.5,
        [QualityIssueType.QRCode] = 0,
        [QualityIssueType.BarCode] = 0,
    };

    public static double Compute(IEnumerable<Finding> findings, double durationSeconds, bool hasVideo)
    {
        if (!hasVideo)
        {
            return 0;
        }

        if (durationSeconds <= 0)
        {
            return 10;
        }

        var penalty = 0.0;
        foreach (var group in findings.GroupBy(f => f.Type))
        {
            if (!Weights.TryGetValue(group.Key, out var weight) || weight == 0)
            {
                continue;
            }

            var share = Math.Clamp(Covered(group.Select(f => new TimeSpanSeconds(f.Start, f.End))) / durationSeconds, 0, 1);
            penalty += weight * Math.Sqrt(share);
        }

        return Math.Round(Math.Clamp(10 - penalty, 0, 10), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The length of the union of the spans.</summary>
    internal static double Covered(IEnumerable<TimeSpanSeconds> spans)
    {
        double covered = 0, end = double.NegativeInfinity;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            var start = Math.Max(span.Start, end);
            if (span.End > start)
            {
                covered += span.End - start;
            }

            end = Math.Max(end, span.End);
        }

        return covered;
    }
}
