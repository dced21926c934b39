using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// The audio family on windows of <see cref="AnalysisData.AudioInterval"/> (100 ms): NoVoice (silencedetect's spans), LowVoice (RMS between the silence level and
/// the low-voice level for long enough) and HighVoice (distortion: a share of samples at full scale, or a crest
/// factor so low the waveform is squared off while loud). After AAC coding ffmpeg's own clipping counters
/// (Flat_factor, Peak_count) stay near zero, hence the per-sample indicator.
/// </summary>
internal sealed class VoiceDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        var findings = new List<Finding>();
        foreach (var silence in data.Silences.Where(s => s.Length >= t.SilenceMinSeconds))
        {
            findings.Add(new Finding(QualityIssueType.NoVoice, silence.Start, silence.End, t.Plan.NoVoiceConfidence));
        }

        if (data.Audio.Count == 0)
        {
            return findings;
        }

        var low = data.Audio.Select(a => new FlaggedSample(
            a.Time,
            a.RmsDb > t.SilenceLevelDb && a.RmsDb < t.LowVoiceRmsDb && !InSilence(a.Time, data, data.AudioInterval),
            Segmenter.Severity(a.RmsDb, t.LowVoiceRmsDb) * t.Plan.LowVoiceSeverityFactor)).ToList();
        findings.AddRange(Segmenter.Build(low, data.AudioInterval, data.DurationSeconds, t.LowVoiceMinSeconds, t.MergeGapSeconds)
            .Select(s => new Finding(QualityIssueType.LowVoice, s.Start, s.End, s.Confidence)));

        var high = data.Audio.Select(a =>
        {
            var clipped = a.ClippedShare >= t.ClippedSampleShare;
            var squared = a.RmsDb > t.Plan.HighVoiceMinRmsDb && a.PeakDb - a.RmsDb < t.Plan.HighVoiceMaxCrestDb;
            return new FlaggedSample(a.Time, clipped || squared, clipped ? Math.Min(1, a.ClippedShare * 10) : 0.6);
        }).ToList();
        findings.AddRange(Segmenter.Build(high, data.AudioInterval, data.DurationSeconds, t.MinSegmentSeconds, t.MergeGapSeconds)
            .Select(s => new Finding(QualityIssueType.HighVoice, s.Start, s.End, s.Confidence)));
        return findings;
    }

    private static bool InSilence(double time, AnalysisData data, double window) =>
        data.Silences.Any(s => time >= s.Start - window && time < s.End);
}
