using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>Noise: our Immerkær estimate on the flattest 16×16 blocks of each gray frame above a sigma threshold.</summary>
internal sealed class NoiseDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Gray.Count == 0)
        {
            return [];
        }

        var samples = data.Gray.Select(g => new FlaggedSample(
            g.Time, double.IsFinite(g.NoiseSigma) && g.NoiseSigma > t.NoiseSigma, Segmenter.Severity(g.NoiseSigma, t.NoiseSigma) * t.Plan.NoiseSeverityFactor)).ToList();
        return Segmenter.Build(samples, data.GrayInterval, data.DurationSeconds, t.MinSegmentSeconds, t.MergeGapSeconds)
            .Select(s => new Finding(QualityIssueType.Noise, s.Start, s.End, s.Confidence));
    }
}
