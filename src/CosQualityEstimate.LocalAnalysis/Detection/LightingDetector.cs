using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>LowLighting / HighLighting: mean luma (signalstats YAVG) below / above a threshold for long enough,
/// solid-colour frames excluded (a black screen is SolidColorScreen, not a dark scene). A dim film or night scene that
/// still has highlights (90th luma percentile YHIGH at or above <see cref="AnalysisPlan.LowLightingMaxHighlightLuma"/>)
/// is lit as intended, not underexposed; likewise a bright, high-key scene whose highlights are not blown to white
/// (90th percentile YHIGH below <see cref="AnalysisPlan.HighLightingMinHighlightLuma"/>) is not overexposed.</summary>
internal sealed class LightingDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        if (data.Video.Count == 0)
        {
            return [];
        }

        var step = data.VideoInterval;
        var solid = data.Video.Select(s => SolidColorDetector.IsSolid(s, data, t)).ToArray();
        var low = data.Video.Select((s, i) => new FlaggedSample(s.Time, !solid[i] && s.YAvg < t.LowLightingLuma && !(s.YHigh >= t.Plan.LowLightingMaxHighlightLuma), Segmenter.Severity(s.YAvg, t.LowLightingLuma))).ToList();
        var high = data.Video.Select((s, i) => new FlaggedSample(s.Time, !solid[i] && s.YAvg > t.HighLightingLuma && !(s.YHigh < t.Plan.HighLightingMinHighlightLuma), Segmenter.Severity(s.YAvg, t.HighLightingLuma) * t.Plan.HighLightingSeverityFactor)).ToList();
        return Segmenter.Build(low, step, data.DurationSeconds, t.LightingMinSeconds, t.MergeGapSeconds)
                .Select(s => new Finding(QualityIssueType.LowLighting, s.Start, s.End, s.Confidence))
            .Concat(Segmenter.Build(high, step, data.DurationSeconds, t.LightingMinSeconds, t.MergeGapSeconds)
                .Select(s => new Finding(QualityIssueType.HighLighting, s.Start, s.End, s.Confidence)));
    }
}
