using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>
/// The local score, 0–10 (6 and above is good, as for the service):
/// <c>score = clamp(perceptual − encoding prior − defect penalty, 0, 10)</c>, rounded to one decimal (0 with no video).
/// The first two are the <see cref="ScoreModel"/>'s reading; the defect penalty is
/// <c>Σ_type weight_type × √(covered_type / duration)</c>, where covered_type is the length of the union of the type's
/// spans (<see cref="Compute(IEnumerable{Finding}, double, bool)"/> is <c>10 − penalty</c>, the defects alone). The
/// penalty can only grow as a finding grows or a type is added (monotone). The square root makes a short defect count
/// more than its share of the clip: a defect over the whole clip costs its full weight, one over a quarter of it half.
/// </summary>
internal static class QualityScore
{
    private static readonly LocalAnalysisThresholds Defaults = new();

    /// <summary>Severity per type with the default thresholds: what the type costs when it covers the whole clip.</summary>
    public static IReadOnlyDictionary<QualityIssueType, double> Weights => WeightsOf(Defaults);

    /// <summary>Severity per type (from <see cref="LocalAnalysisThresholds"/>). Codes are content, not quality: 0.</summary>
    public static Dictionary<QualityIssueType, double> WeightsOf(LocalAnalysisThresholds t) => new()
    {
        [QualityIssueType.CrashScreen] = t.CrashScreenWeight,
        [QualityIssueType.SolidColorScreen] = t.SolidColorScreenWeight,
        [QualityIssueType.Blur] = t.BlurWeight,
        [QualityIssueType.Mosaic] = t.MosaicWeight,
        [QualityIssueType.Noise] = t.NoiseWeight,
        [QualityIssueType.LowLighting] = t.LowLightingWeight,
        [QualityIssueType.HighLighting] = t.HighLightingWeight,
        [QualityIssueType.Jitter] = t.JitterWeight,
        [QualityIssueType.HighVoice] = t.HighVoiceWeight,
        [QualityIssueType.NoVoice] = t.NoVoiceWeight,
        [QualityIssueType.LowVoice] = t.LowVoiceWeight,
        [QualityIssueType.BlackWhiteEdge] = t.BlackWhiteEdgeWeight,
        [QualityIssueType.QRCode] = 0,
        [QualityIssueType.BarCode] = 0,
    };

    /// <summary>The configurable weights with their property names (for validation).</summary>
    public static IEnumerable<(string Name, double Weight)> NamedWeights(LocalAnalysisThresholds t) =>
        WeightsOf(t).Where(w => w.Key is not (QualityIssueType.QRCode or QualityIssueType.BarCode)).Select(w => (w.Key + "Weight", w.Value));

    /// <summary>The score with the default weights.</summary>
    public static double Compute(IEnumerable<Finding> findings, double durationSeconds, bool hasVideo) =>
        Compute(findings, durationSeconds, hasVideo, Defaults);

    /// <summary>The score with the weights of <paramref name="thresholds"/>.</summary>
    public static double Compute(IEnumerable<Finding> findings, double durationSeconds, bool hasVideo, LocalAnalysisThresholds thresholds) =>
        Compute(findings, durationSeconds, hasVideo, thresholds, rounded: true);

    private static double Compute(IEnumerable<Finding> findings, double durationSeconds, bool hasVideo, LocalAnalysisThresholds thresholds, bool rounded)
    {
        if (!hasVideo)
        {
            return 0;
        }

        if (durationSeconds <= 0)
        {
            return 10;
        }

        var weights = WeightsOf(thresholds);
        var penalty = 0.0;
        foreach (var group in findings.GroupBy(f => f.Type))
        {
            if (!weights.TryGetValue(group.Key, out var weight) || weight == 0)
            {
                continue;
            }

            var share = Math.Clamp(Covered(group.Select(f => new TimeSpanSeconds(f.Start, f.End))) / durationSeconds, 0, 1);
            penalty += weight * Math.Sqrt(share);
        }

        var score = Math.Clamp(10 - penalty, 0, 10);
        return rounded ? Math.Round(score, 1, MidpointRounding.AwayFromZero) : score;
    }

    /// <summary>What the findings take off the score: <c>Σ_type weight_type × √(covered_type / duration)</c>, at most 10.</summary>
    public static double DefectPenalty(IEnumerable<Finding> findings, double durationSeconds, LocalAnalysisThresholds thresholds) =>
        durationSeconds <= 0 ? 0 : 10 - Compute(findings, durationSeconds, hasVideo: true, thresholds, rounded: false);

    /// <summary>The final score: the model's reading minus the defect penalty, within 0–10, rounded to one decimal.</summary>
    public static double Final(ModelReading reading, double defectPenalty, bool hasVideo) =>
        hasVideo ? Math.Round(Math.Clamp(reading.Quality - defectPenalty, 0, 10), 1, MidpointRounding.AwayFromZero) : 0;

    /// <summary>The confidence of a <c>LowEvaluation</c> finding for <paramref name="score"/> (below the bar).</summary>
    public static int LowEvaluationConfidence(double score, LocalAnalysisThresholds t)
    {
        var below = t.LowEvaluationScore <= 0 ? 1 : Math.Clamp((t.LowEvaluationScore - score) / t.LowEvaluationScore, 0, 1);
        return (int)Math.Round(t.Plan.LowEvaluationMinConfidence + ((100 - t.Plan.LowEvaluationMinConfidence) * below));
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
