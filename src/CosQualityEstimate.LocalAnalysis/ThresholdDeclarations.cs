namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Every threshold, declared once: name, range and default. <see cref="LocalAnalysisThresholds"/> (what a caller tunes:
/// the bars that decide a finding, and the score's weights) and <see cref="AnalysisPlan"/> (the graph's sizes and
/// sampling, the detectors' refinements, confidences and severity factors) take their initial values from here, and
/// <see cref="LocalAnalysisOptionsValidator"/> checks every value against the ranges here; there is no other list.
/// </summary>
internal static class ThresholdDeclarations
{
    private const double Unbounded = double.PositiveInfinity;

    public static readonly Threshold MinSegmentSeconds = new(nameof(LocalAnalysisThresholds.MinSegmentSeconds), 0, 3600, 0.5, t => t.MinSegmentSeconds, ThresholdScope.Public);
    public static readonly Threshold MergeGapSeconds = new(nameof(LocalAnalysisThresholds.MergeGapSeconds), 0, 3600, 0.5, t => t.MergeGapSeconds, ThresholdScope.Public);
    public static readonly Threshold BlurAbsolute = new(nameof(LocalAnalysisThresholds.BlurAbsolute), 0, Unbounded, 13.0, t => t.BlurAbsolute, ThresholdScope.Public);
    public static readonly Threshold BlurRelativeToMedian = new(nameof(LocalAnalysisThresholds.BlurRelativeToMedian), 0, Unbounded, 1.4, t => t.BlurRelativeToMedian, ThresholdScope.Public);
    public static readonly Threshold LowLightingLuma = new(nameof(LocalAnalysisThresholds.LowLightingLuma), 0, 255, 55, t => t.LowLightingLuma, ThresholdScope.Public);
    public static readonly Threshold HighLightingLuma = new(nameof(LocalAnalysisThresholds.HighLightingLuma), 0, 255, 190, t => t.HighLightingLuma, ThresholdScope.Public);
    public static readonly Threshold LightingMinSeconds = new(nameof(LocalAnalysisThresholds.LightingMinSeconds), 0, 3600, 1.0, t => t.LightingMinSeconds, ThresholdScope.Public);
    public static readonly Threshold SolidColorMaxSpread = new(nameof(LocalAnalysisThresholds.SolidColorMaxSpread), 0, 255, 3, t => t.SolidColorMaxSpread, ThresholdScope.Public);
    public static readonly Threshold EdgeMinBarShare = new(nameof(LocalAnalysisThresholds.EdgeMinBarShare), 0, 0.5, 0.03, t => t.EdgeMinBarShare, ThresholdScope.Public);
    public static readonly Threshold NoiseSigma = new(nameof(LocalAnalysisThresholds.NoiseSigma), 0, Unbounded, 1.0, t => t.NoiseSigma, ThresholdScope.Public);
    public static readonly Threshold BlockinessRatio = new(nameof(LocalAnalysisThresholds.BlockinessRatio), 0, Unbounded, 2.0, t => t.BlockinessRatio, ThresholdScope.Public);
    public static readonly Threshold CrashScreenMinErrorFrames = new(nameof(LocalAnalysisThresholds.CrashScreenMinErrorFrames), 1, 1000, 3, t => t.CrashScreenMinErrorFrames, ThresholdScope.Public);
    public static readonly Threshold JitterRmsPixels = new(nameof(LocalAnalysisThresholds.JitterRmsPixels), 0, Unbounded, 3.0, t => t.JitterRmsPixels, ThresholdScope.Public);
    public static readonly Threshold JitterMinSeconds = new(nameof(LocalAnalysisThresholds.JitterMinSeconds), 0, 3600, 1.0, t => t.JitterMinSeconds, ThresholdScope.Public);
    public static readonly Threshold SilenceLevelDb = new(nameof(LocalAnalysisThresholds.SilenceLevelDb), -150, 0, -60, t => t.SilenceLevelDb, ThresholdScope.Public);
    public static readonly Threshold SilenceMinSeconds = new(nameof(LocalAnalysisThresholds.SilenceMinSeconds), 0.01, 3600, 0.5, t => t.SilenceMinSeconds, ThresholdScope.Public);
    public static readonly Threshold LowVoiceRmsDb = new(nameof(LocalAnalysisThresholds.LowVoiceRmsDb), -150, 0, -45, t => t.LowVoiceRmsDb, ThresholdScope.Public);
    public static readonly Threshold LowVoiceMinSeconds = new(nameof(LocalAnalysisThresholds.LowVoiceMinSeconds), 0, 3600, 1.0, t => t.LowVoiceMinSeconds, ThresholdScope.Public);
    public static readonly Threshold ClippedSampleShare = new(nameof(LocalAnalysisThresholds.ClippedSampleShare), 0, 1, 0.01, t => t.ClippedSampleShare, ThresholdScope.Public);

    public static readonly Threshold LowEvaluationScore = new(nameof(LocalAnalysisThresholds.LowEvaluationScore), 0, 10, 6.0, t => t.LowEvaluationScore, ThresholdScope.Public);
    public static readonly Threshold CrashScreenWeight = new(nameof(LocalAnalysisThresholds.CrashScreenWeight), 0, 10, 7, t => t.CrashScreenWeight, ThresholdScope.Public);
    public static readonly Threshold SolidColorScreenWeight = new(nameof(LocalAnalysisThresholds.SolidColorScreenWeight), 0, 10, 6, t => t.SolidColorScreenWeight, ThresholdScope.Public);
    public static readonly Threshold BlurWeight = new(nameof(LocalAnalysisThresholds.BlurWeight), 0, 10, 5, t => t.BlurWeight, ThresholdScope.Public);
    public static readonly Threshold MosaicWeight = new(nameof(LocalAnalysisThresholds.MosaicWeight), 0, 10, 5, t => t.MosaicWeight, ThresholdScope.Public);
    public static readonly Threshold NoiseWeight = new(nameof(LocalAnalysisThresholds.NoiseWeight), 0, 10, 0, t => t.NoiseWeight, ThresholdScope.Public);
    public static readonly Threshold LowLightingWeight = new(nameof(LocalAnalysisThresholds.LowLightingWeight), 0, 10, 4, t => t.LowLightingWeight, ThresholdScope.Public);
    public static readonly Threshold HighLightingWeight = new(nameof(LocalAnalysisThresholds.HighLightingWeight), 0, 10, 4, t => t.HighLightingWeight, ThresholdScope.Public);
    public static readonly Threshold JitterWeight = new(nameof(LocalAnalysisThresholds.JitterWeight), 0, 10, 4, t => t.JitterWeight, ThresholdScope.Public);
    public static readonly Threshold HighVoiceWeight = new(nameof(LocalAnalysisThresholds.HighVoiceWeight), 0, 10, 4, t => t.HighVoiceWeight, ThresholdScope.Public);
    public static readonly Threshold NoVoiceWeight = new(nameof(LocalAnalysisThresholds.NoVoiceWeight), 0, 10, 3, t => t.NoVoiceWeight, ThresholdScope.Public);
    public static readonly Threshold LowVoiceWeight = new(nameof(LocalAnalysisThresholds.LowVoiceWeight), 0, 10, 2, t => t.LowVoiceWeight, ThresholdScope.Public);
    public static readonly Threshold BlackWhiteEdgeWeight = new(nameof(LocalAnalysisThresholds.BlackWhiteEdgeWeight), 0, 10, 1.5, t => t.BlackWhiteEdgeWeight, ThresholdScope.Public);

    public static readonly Threshold AnalysisMaxWidth = new(nameof(AnalysisPlan.AnalysisMaxWidth), 32, 7680, 640, t => t.Plan.AnalysisMaxWidth, ThresholdScope.Plan);
    public static readonly Threshold GrayFrameMaxWidth = new(nameof(AnalysisPlan.GrayFrameMaxWidth), 32, 7680, 1280, t => t.Plan.GrayFrameMaxWidth, ThresholdScope.Plan);
    public static readonly Threshold AudioWindowSeconds = new(nameof(AnalysisPlan.AudioWindowSeconds), 0.02, 1, 0.1, t => t.Plan.AudioWindowSeconds, ThresholdScope.Plan);
    public static readonly Threshold BlurRelativeFloor = new(nameof(AnalysisPlan.BlurRelativeFloor), 0, Unbounded, 5.5, t => t.Plan.BlurRelativeFloor, ThresholdScope.Plan);
    public static readonly Threshold LowLightingMaxHighlightLuma = new(nameof(AnalysisPlan.LowLightingMaxHighlightLuma), 0, 255, 100, t => t.Plan.LowLightingMaxHighlightLuma, ThresholdScope.Plan);
    public static readonly Threshold HighLightingMinHighlightLuma = new(nameof(AnalysisPlan.HighLightingMinHighlightLuma), 0, 255, 230, t => t.Plan.HighLightingMinHighlightLuma, ThresholdScope.Plan);
    public static readonly Threshold BlackPixelThreshold = new(nameof(AnalysisPlan.BlackPixelThreshold), 0, 1, 0.10, t => t.Plan.BlackPixelThreshold, ThresholdScope.Plan);
    public static readonly Threshold BlackMinSeconds = new(nameof(AnalysisPlan.BlackMinSeconds), 0.01, 3600, 0.3, t => t.Plan.BlackMinSeconds, ThresholdScope.Plan);
    public static readonly Threshold EdgeCropLimit = new(nameof(AnalysisPlan.EdgeCropLimit), 0, 255, 24, t => t.Plan.EdgeCropLimit, ThresholdScope.Plan);
    public static readonly Threshold EdgeMinSeconds = new(nameof(AnalysisPlan.EdgeMinSeconds), 0, 3600, 2.0, t => t.Plan.EdgeMinSeconds, ThresholdScope.Plan);
    public static readonly Threshold EdgeMinClipShare = new(nameof(AnalysisPlan.EdgeMinClipShare), 0, 1, 0.2, t => t.Plan.EdgeMinClipShare, ThresholdScope.Plan);
    public static readonly Threshold EdgeSameSizeShare = new(nameof(AnalysisPlan.EdgeSameSizeShare), 0, 1, 0.8, t => t.Plan.EdgeSameSizeShare, ThresholdScope.Plan);
    public static readonly Threshold EdgeSizeTolerance = new(nameof(AnalysisPlan.EdgeSizeTolerance), 0, 0.5, 0.02, t => t.Plan.EdgeSizeTolerance, ThresholdScope.Plan);
    public static readonly Threshold EdgeBarMaxStdDev = new(nameof(AnalysisPlan.EdgeBarMaxStdDev), 0, 255, 6, t => t.Plan.EdgeBarMaxStdDev, ThresholdScope.Plan);
    public static readonly Threshold EdgeUniformFrameShare = new(nameof(AnalysisPlan.EdgeUniformFrameShare), 0, 1, 0.5, t => t.Plan.EdgeUniformFrameShare, ThresholdScope.Plan);
    public static readonly Threshold BlockinessRelativeToMedian = new(nameof(AnalysisPlan.BlockinessRelativeToMedian), 0, Unbounded, 1.5, t => t.Plan.BlockinessRelativeToMedian, ThresholdScope.Plan);
    public static readonly Threshold MosaicTileSize = new(nameof(AnalysisPlan.MosaicTileSize), 16, 512, 64, t => t.Plan.MosaicTileSize, ThresholdScope.Plan);
    public static readonly Threshold MosaicMaxOffGridShare = new(nameof(AnalysisPlan.MosaicMaxOffGridShare), 0, 1, 0.05, t => t.Plan.MosaicMaxOffGridShare, ThresholdScope.Plan);
    public static readonly Threshold MosaicMinTiles = new(nameof(AnalysisPlan.MosaicMinTiles), 1, 10000, 2, t => t.Plan.MosaicMinTiles, ThresholdScope.Plan);
    public static readonly Threshold MosaicBlockinessMinSeconds = new(nameof(AnalysisPlan.MosaicBlockinessMinSeconds), 0, 3600, 1.0, t => t.Plan.MosaicBlockinessMinSeconds, ThresholdScope.Plan);
    public static readonly Threshold CrashScreenJumpRelativeToMedian = new(nameof(AnalysisPlan.CrashScreenJumpRelativeToMedian), 0, Unbounded, 3, t => t.Plan.CrashScreenJumpRelativeToMedian, ThresholdScope.Plan);
    public static readonly Threshold CrashScreenJumpFloor = new(nameof(AnalysisPlan.CrashScreenJumpFloor), 0, Unbounded, 12, t => t.Plan.CrashScreenJumpFloor, ThresholdScope.Plan);
    public static readonly Threshold CrashScreenDamageWindowFrames = new(nameof(AnalysisPlan.CrashScreenDamageWindowFrames), 1, 1000, 3, t => t.Plan.CrashScreenDamageWindowFrames, ThresholdScope.Plan);
    public static readonly Threshold JitterMeanWindowSeconds = new(nameof(AnalysisPlan.JitterMeanWindowSeconds), 0.01, 60, 1.0, t => t.Plan.JitterMeanWindowSeconds, ThresholdScope.Plan);
    public static readonly Threshold JitterRmsWindowSeconds = new(nameof(AnalysisPlan.JitterRmsWindowSeconds), 0.01, 60, 0.5, t => t.Plan.JitterRmsWindowSeconds, ThresholdScope.Plan);
    public static readonly Threshold MotionShakiness = new(nameof(AnalysisPlan.MotionShakiness), 1, 10, 5, t => t.Plan.MotionShakiness, ThresholdScope.Plan);
    public static readonly Threshold MotionAccuracy = new(nameof(AnalysisPlan.MotionAccuracy), 1, 15, 9, t => t.Plan.MotionAccuracy, ThresholdScope.Plan);
    public static readonly Threshold ClipSampleLevel = new(nameof(AnalysisPlan.ClipSampleLevel), 0.01, 1, 0.98, t => t.Plan.ClipSampleLevel, ThresholdScope.Plan);
    public static readonly Threshold HighVoiceMaxCrestDb = new(nameof(AnalysisPlan.HighVoiceMaxCrestDb), 0, Unbounded, 2.5, t => t.Plan.HighVoiceMaxCrestDb, ThresholdScope.Plan);
    public static readonly Threshold HighVoiceMinRmsDb = new(nameof(AnalysisPlan.HighVoiceMinRmsDb), -150, 0, -20, t => t.Plan.HighVoiceMinRmsDb, ThresholdScope.Plan);
    public static readonly Threshold LowEvaluationMinConfidence = new(nameof(AnalysisPlan.LowEvaluationMinConfidence), 0, 100, 50, t => t.Plan.LowEvaluationMinConfidence, ThresholdScope.Plan);
    public static readonly Threshold CrashScreenBaseConfidence = new(nameof(AnalysisPlan.CrashScreenBaseConfidence), 0, 99, 70, t => t.Plan.CrashScreenBaseConfidence, ThresholdScope.Plan);
    public static readonly Threshold EdgeConfidence = new(nameof(AnalysisPlan.EdgeConfidence), 0, 100, 90, t => t.Plan.EdgeConfidence, ThresholdScope.Plan);
    public static readonly Threshold EdgeSampleSeverity = new(nameof(AnalysisPlan.EdgeSampleSeverity), 0, 1, 0.8, t => t.Plan.EdgeSampleSeverity, ThresholdScope.Plan);
    public static readonly Threshold SolidColorConfidence = new(nameof(AnalysisPlan.SolidColorConfidence), 0, 100, 95, t => t.Plan.SolidColorConfidence, ThresholdScope.Plan);
    public static readonly Threshold SolidColorSampleSeverity = new(nameof(AnalysisPlan.SolidColorSampleSeverity), 0, 1, 0.9, t => t.Plan.SolidColorSampleSeverity, ThresholdScope.Plan);
    public static readonly Threshold NoVoiceConfidence = new(nameof(AnalysisPlan.NoVoiceConfidence), 0, 100, 95, t => t.Plan.NoVoiceConfidence, ThresholdScope.Plan);
    public static readonly Threshold HighLightingSeverityFactor = new(nameof(AnalysisPlan.HighLightingSeverityFactor), 0, 100, 4, t => t.Plan.HighLightingSeverityFactor, ThresholdScope.Plan);
    public static readonly Threshold NoiseSeverityFactor = new(nameof(AnalysisPlan.NoiseSeverityFactor), 0, 100, 0.25, t => t.Plan.NoiseSeverityFactor, ThresholdScope.Plan);
    public static readonly Threshold LowVoiceSeverityFactor = new(nameof(AnalysisPlan.LowVoiceSeverityFactor), 0, 100, 3, t => t.Plan.LowVoiceSeverityFactor, ThresholdScope.Plan);

    /// <summary>Every declaration, in the order the validator reports problems.</summary>
    public static readonly IReadOnlyList<Threshold> All =
    [
        MinSegmentSeconds,
        MergeGapSeconds,
        BlurAbsolute,
        BlurRelativeToMedian,
        LowLightingLuma,
        HighLightingLuma,
        LightingMinSeconds,
        SolidColorMaxSpread,
        EdgeMinBarShare,
        NoiseSigma,
        BlockinessRatio,
        CrashScreenMinErrorFrames,
        JitterRmsPixels,
        JitterMinSeconds,
        SilenceLevelDb,
        SilenceMinSeconds,
        LowVoiceRmsDb,
        LowVoiceMinSeconds,
        ClippedSampleShare,
        LowEvaluationScore,
        CrashScreenWeight,
        SolidColorScreenWeight,
        BlurWeight,
        MosaicWeight,
        NoiseWeight,
        LowLightingWeight,
        HighLightingWeight,
        JitterWeight,
        HighVoiceWeight,
        NoVoiceWeight,
        LowVoiceWeight,
        BlackWhiteEdgeWeight,
        AnalysisMaxWidth,
        GrayFrameMaxWidth,
        AudioWindowSeconds,
        BlurRelativeFloor,
        LowLightingMaxHighlightLuma,
        HighLightingMinHighlightLuma,
        BlackPixelThreshold,
        BlackMinSeconds,
        EdgeCropLimit,
        EdgeMinSeconds,
        EdgeMinClipShare,
        EdgeSameSizeShare,
        EdgeSizeTolerance,
        EdgeBarMaxStdDev,
        EdgeUniformFrameShare,
        BlockinessRelativeToMedian,
        MosaicTileSize,
        MosaicMaxOffGridShare,
        MosaicMinTiles,
        MosaicBlockinessMinSeconds,
        CrashScreenJumpRelativeToMedian,
        CrashScreenJumpFloor,
        CrashScreenDamageWindowFrames,
        JitterMeanWindowSeconds,
        JitterRmsWindowSeconds,
        MotionShakiness,
        MotionAccuracy,
        ClipSampleLevel,
        HighVoiceMaxCrestDb,
        HighVoiceMinRmsDb,
        LowEvaluationMinConfidence,
        CrashScreenBaseConfidence,
        EdgeConfidence,
        EdgeSampleSeverity,
        SolidColorConfidence,
        SolidColorSampleSeverity,
        NoVoiceConfidence,
        HighLightingSeverityFactor,
        NoiseSeverityFactor,
        LowVoiceSeverityFactor,
    ];
}
