using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Validates <see cref="LocalAnalysisOptions"/> when a <see cref="LocalVideoAnalyzer"/> is created, in the clients'
/// style: every problem names the option and the rule, and all of them are reported in one
/// <see cref="ArgumentException"/> ("Invalid LocalAnalysisOptions: ..."), before any ffmpeg runs.
/// </summary>
internal static class LocalAnalysisOptionsValidator
{
    /// <summary>The problems with <paramref name="options"/>; empty when valid.</summary>
    internal static List<string> GetErrors(LocalAnalysisOptions options)
    {
        var errors = new List<string>();
        if (options.FfmpegPath is { } ffmpeg && string.IsNullOrWhiteSpace(ffmpeg))
        {
            errors.Add("FfmpegPath must not be empty or white space (null looks ffmpeg up).");
        }

        if (options.Thresholds is not { } t)
        {
            errors.Add("Thresholds must not be null.");
            return errors;
        }

        Range(errors, nameof(t.AnalysisMaxWidth), t.AnalysisMaxWidth, 32, 7680);
        Range(errors, nameof(t.GrayFrameMaxWidth), t.GrayFrameMaxWidth, 32, 7680);
        Range(errors, nameof(t.MinSegmentSeconds), t.MinSegmentSeconds, 0, 3600);
        Range(errors, nameof(t.MergeGapSeconds), t.MergeGapSeconds, 0, 3600);
        AtLeastZero(errors, nameof(t.BlurAbsolute), t.BlurAbsolute);
        AtLeastZero(errors, nameof(t.BlurRelativeToMedian), t.BlurRelativeToMedian);
        AtLeastZero(errors, nameof(t.BlurRelativeFloor), t.BlurRelativeFloor);
        Range(errors, nameof(t.LowLightingLuma), t.LowLightingLuma, 0, 255);
        Range(errors, nameof(t.HighLightingLuma), t.HighLightingLuma, 0, 255);
        Range(errors, nameof(t.LightingMinSeconds), t.LightingMinSeconds, 0, 3600);
        Range(errors, nameof(t.SolidColorMaxSpread), t.SolidColorMaxSpread, 0, 255);
        Range(errors, nameof(t.BlackPixelThreshold), t.BlackPixelThreshold, 0, 1);
        Range(errors, nameof(t.EdgeCropLimit), t.EdgeCropLimit, 0, 255);
        Range(errors, nameof(t.EdgeMinBarShare), t.EdgeMinBarShare, 0, 0.5);
        AtLeastZero(errors, nameof(t.NoiseSigma), t.NoiseSigma);
        AtLeastZero(errors, nameof(t.BlockinessRatio), t.BlockinessRatio);
        AtLeastZero(errors, nameof(t.BlockinessRelativeToMedian), t.BlockinessRelativeToMedian);
        Range(errors, nameof(t.MosaicTileSize), t.MosaicTileSize, 16, 512);
        Range(errors, nameof(t.MosaicMaxOffGridShare), t.MosaicMaxOffGridShare, 0, 1);
        Range(errors, nameof(t.MosaicMinTiles), t.MosaicMinTiles, 1, 10_000);
        AtLeastZero(errors, nameof(t.JitterRmsPixels), t.JitterRmsPixels);
        Range(errors, nameof(t.JitterMinSeconds), t.JitterMinSeconds, 0, 3600);
        Range(errors, nameof(t.SilenceLevelDb), t.SilenceLevelDb, -150, 0);
        Range(errors, nameof(t.SilenceMinSeconds), t.SilenceMinSeconds, 0.01, 3600);
        Range(errors, nameof(t.LowVoiceRmsDb), t.LowVoiceRmsDb, -150, 0);
        Range(errors, nameof(t.LowVoiceMinSeconds), t.LowVoiceMinSeconds, 0, 3600);
        Range(errors, nameof(t.ClippedSampleShare), t.ClippedSampleShare, 0, 1);
        Range(errors, nameof(t.ClipSampleLevel), t.ClipSampleLevel, 0.01, 1);
        AtLeastZero(errors, nameof(t.HighVoiceMaxCrestDb), t.HighVoiceMaxCrestDb);
        Range(errors, nameof(t.HighVoiceMinRmsDb), t.HighVoiceMinRmsDb, -150, 0);
        Range(errors, nameof(t.LowEvaluationScore), t.LowEvaluationScore, 0, 10);
        Range(errors, nameof(t.LowEvaluationMinConfidence), t.LowEvaluationMinConfidence, 0, 100);
        Range(errors, nameof(t.AudioWindowSeconds), t.AudioWindowSeconds, 0.02, 1);
        Range(errors, nameof(t.LowLightingMaxHighlightLuma), t.LowLightingMaxHighlightLuma, 0, 255);
        Range(errors, nameof(t.HighLightingMinHighlightLuma), t.HighLightingMinHighlightLuma, 0, 255);
        Range(errors, nameof(t.EdgeMinSeconds), t.EdgeMinSeconds, 0, 3600);
        Range(errors, nameof(t.EdgeMinClipShare), t.EdgeMinClipShare, 0, 1);
        Range(errors, nameof(t.EdgeSameSizeShare), t.EdgeSameSizeShare, 0, 1);
        Range(errors, nameof(t.EdgeSizeTolerance), t.EdgeSizeTolerance, 0, 0.5);
        Range(errors, nameof(t.EdgeBarMaxStdDev), t.EdgeBarMaxStdDev, 0, 255);
        Range(errors, nameof(t.EdgeUniformFrameShare), t.EdgeUniformFrameShare, 0, 1);
        Range(errors, nameof(t.MosaicBlockinessMinSeconds), t.MosaicBlockinessMinSeconds, 0, 3600);
        Range(errors, nameof(t.CrashScreenMinErrorFrames), t.CrashScreenMinErrorFrames, 1, 1000);
        AtLeastZero(errors, nameof(t.CrashScreenJumpRelativeToMedian), t.CrashScreenJumpRelativeToMedian);
        AtLeastZero(errors, nameof(t.CrashScreenJumpFloor), t.CrashScreenJumpFloor);
        Range(errors, nameof(t.CrashScreenDamageWindowFrames), t.CrashScreenDamageWindowFrames, 1, 1000);
        Range(errors, nameof(t.BlackMinSeconds), t.BlackMinSeconds, 0.01, 3600);
        Range(errors, nameof(t.JitterMeanWindowSeconds), t.JitterMeanWindowSeconds, 0.01, 60);
        Range(errors, nameof(t.JitterRmsWindowSeconds), t.JitterRmsWindowSeconds, 0.01, 60);
        Range(errors, nameof(t.MotionShakiness), t.MotionShakiness, 1, 10);
        Range(errors, nameof(t.MotionAccuracy), t.MotionAccuracy, 1, 15);
        Range(errors, nameof(t.CrashScreenBaseConfidence), t.CrashScreenBaseConfidence, 0, 99);
        Range(errors, nameof(t.EdgeConfidence), t.EdgeConfidence, 0, 100);
        Range(errors, nameof(t.EdgeSampleSeverity), t.EdgeSampleSeverity, 0, 1);
        Range(errors, nameof(t.SolidColorConfidence), t.SolidColorConfidence, 0, 100);
        Range(errors, nameof(t.SolidColorSampleSeverity), t.SolidColorSampleSeverity, 0, 1);
        Range(errors, nameof(t.NoVoiceConfidence), t.NoVoiceConfidence, 0, 100);
        Range(errors, nameof(t.HighLightingSeverityFactor), t.HighLightingSeverityFactor, 0, 100);
        Range(errors, nameof(t.NoiseSeverityFactor), t.NoiseSeverityFactor, 0, 100);
        Range(errors, nameof(t.LowVoiceSeverityFactor), t.LowVoiceSeverityFactor, 0, 100);
        foreach (var (name, weight) in Scoring.QualityScore.NamedWeights(t))
        {
            Range(errors, name, weight, 0, 10);
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem with <paramref name="options"/>.</summary>
    internal static void ThrowIfInvalid(LocalAnalysisOptions options)
    {
        var errors = GetErrors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid " + nameof(LocalAnalysisOptions) + ": " + string.Join(" ", errors), nameof(options));
        }
    }

    private static void Range(List<string> errors, string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            errors.Add($"Thresholds.{name} must be between {F(min)} and {F(max)} (was {F(value)}).");
        }
    }

    private static void AtLeastZero(List<string> errors, string name, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            errors.Add($"Thresholds.{name} must be a finite number, 0 or more (was {F(value)}).");
        }
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
