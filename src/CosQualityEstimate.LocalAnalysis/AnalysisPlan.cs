namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// The analysis's internal numbers, kept out of the public API (<see cref="LocalAnalysisThresholds"/> holds what a
/// caller tunes): the sizes and sampling of the ffmpeg graph, vidstabdetect's parameters, the refinements that keep a
/// detector from calling content a defect, and the confidences and severity factors of the findings. Each is declared
/// once, with its range, in <see cref="ThresholdDeclarations"/>; a caller reaches them only through
/// <c>LocalAnalysisThresholds.Plan</c> (tests, tools).
/// </summary>
internal sealed class AnalysisPlan
{
    /// <summary>The analysis picture is scaled down to at most this width (pixels) before the ffmpeg filters run.</summary>
    public int AnalysisMaxWidth { get; set; } = ThresholdDeclarations.AnalysisMaxWidth.DefaultInt;

    /// <summary>The grayscale frames our own code reads (2 per second) are at most this wide (pixels).</summary>
    public int GrayFrameMaxWidth { get; set; } = ThresholdDeclarations.GrayFrameMaxWidth.DefaultInt;

    /// <summary>
    /// NoVoice / LowVoice / HighVoice: length of the audio windows (seconds) whose level and clipping are measured; ffmpeg
    /// cuts the audio into windows of this length and the audio detectors step by it.
    /// </summary>
    public double AudioWindowSeconds { get; set; } = ThresholdDeclarations.AudioWindowSeconds.Default;

    /// <summary>Blur: a frame is blurred by <see cref="LocalAnalysisThresholds.BlurRelativeToMedian"/> only when its value is also above this floor.</summary>
    public double BlurRelativeFloor { get; set; } = ThresholdDeclarations.BlurRelativeFloor.Default;

    /// <summary>LowLighting: a dark frame whose 90th luma percentile (YHIGH) reaches this still has highlights — a dim
    /// film or night scene lit as intended — and is not too dark.</summary>
    public double LowLightingMaxHighlightLuma { get; set; } = ThresholdDeclarations.LowLightingMaxHighlightLuma.Default;

    /// <summary>HighLighting: a bright frame is overexposed only when its 90th luma percentile (YHIGH) reaches this —
    /// highlights blown to white; a high-key picture that keeps its tones below it is bright on purpose.</summary>
    public double HighLightingMinHighlightLuma { get; set; } = ThresholdDeclarations.HighLightingMinHighlightLuma.Default;

    /// <summary>SolidColorScreen: <c>blackdetect</c> pixel threshold (0–1) for a black picture.</summary>
    public double BlackPixelThreshold { get; set; } = ThresholdDeclarations.BlackPixelThreshold.Default;

    /// <summary>SolidColorScreen: shortest black span <c>blackdetect</c> reports (its <c>d=</c>, seconds).</summary>
    public double BlackMinSeconds { get; set; } = ThresholdDeclarations.BlackMinSeconds.Default;

    /// <summary>BlackWhiteEdge: <c>cropdetect</c> limit (0–255): darker pixels (or, negated, brighter) count as bar.</summary>
    public int EdgeCropLimit { get; set; } = ThresholdDeclarations.EdgeCropLimit.DefaultInt;

    /// <summary>BlackWhiteEdge: bars must last at least this long (seconds) ...</summary>
    public double EdgeMinSeconds { get; set; } = ThresholdDeclarations.EdgeMinSeconds.Default;

    /// <summary>... or at least this share of the clip (0–1), whichever is shorter.</summary>
    public double EdgeMinClipShare { get; set; } = ThresholdDeclarations.EdgeMinClipShare.Default;

    /// <summary>BlackWhiteEdge: at least this share (0–1) of a span's frames has the same bars (within
    /// <see cref="EdgeSizeTolerance"/> of the commonest crop box).</summary>
    public double EdgeSameSizeShare { get; set; } = ThresholdDeclarations.EdgeSameSizeShare.Default;

    /// <summary>BlackWhiteEdge: two crop boxes are the same size when every side differs by at most this share of the
    /// picture's width or height (and at most 2 px anyway).</summary>
    public double EdgeSizeTolerance { get; set; } = ThresholdDeclarations.EdgeSizeTolerance.Default;

    /// <summary>BlackWhiteEdge: a bar line (row or column of the gray frame) is uniform when its luma standard deviation
    /// is at most this.</summary>
    public double EdgeBarMaxStdDev { get; set; } = ThresholdDeclarations.EdgeBarMaxStdDev.Default;

    /// <summary>BlackWhiteEdge: at least this share (0–1) of a span's gray frames must show flat bars (each at least half
    /// of <see cref="LocalAnalysisThresholds.EdgeMinBarShare"/>, the gray frames being scaled) on both opposite sides.</summary>
    public double EdgeUniformFrameShare { get; set; } = ThresholdDeclarations.EdgeUniformFrameShare.Default;

    /// <summary>Mosaic: blockiness must also exceed this multiple of the clip's median (content aligned to the grid).</summary>
    public double BlockinessRelativeToMedian { get; set; } = ThresholdDeclarations.BlockinessRelativeToMedian.Default;

    /// <summary>Mosaic: side of the square tiles searched for a pixelation grid (pixels of the gray frame).</summary>
    public int MosaicTileSize { get; set; } = ThresholdDeclarations.MosaicTileSize.DefaultInt;

    /// <summary>Mosaic: a tile is pixelated when at most this share of its luma changes falls off the grid.</summary>
    public double MosaicMaxOffGridShare { get; set; } = ThresholdDeclarations.MosaicMaxOffGridShare.Default;

    /// <summary>Mosaic: a frame is pixelated when at least this many tiles are (a single tile can be chance).</summary>
    public int MosaicMinTiles { get; set; } = ThresholdDeclarations.MosaicMinTiles.DefaultInt;

    /// <summary>Mosaic: compression blockiness alone (no pixelation grid) must last at least this long (seconds).</summary>
    public double MosaicBlockinessMinSeconds { get; set; } = ThresholdDeclarations.MosaicBlockinessMinSeconds.Default;

    /// <summary>CrashScreen: fewer messages are a crash only when a frame at their time jumps away from both neighbours:
    /// its mean absolute luma difference (signalstats YDIF) to each is above this multiple of the clip's median ...</summary>
    public double CrashScreenJumpRelativeToMedian { get; set; } = ThresholdDeclarations.CrashScreenJumpRelativeToMedian.Default;

    /// <summary>... and above this floor (0–255).</summary>
    public double CrashScreenJumpFloor { get; set; } = ThresholdDeclarations.CrashScreenJumpFloor.Default;

    /// <summary>CrashScreen: damage is looked for from one analysed frame before the first message to this many analysed
    /// frames after the last (the decoder prints before the damaged frame leaves the filters).</summary>
    public int CrashScreenDamageWindowFrames { get; set; } = ThresholdDeclarations.CrashScreenDamageWindowFrames.DefaultInt;

    /// <summary>Jitter: window (seconds) of the moving mean of the motion; a pan is smooth within it, so the motion minus
    /// this mean is the shake.</summary>
    public double JitterMeanWindowSeconds { get; set; } = ThresholdDeclarations.JitterMeanWindowSeconds.Default;

    /// <summary>Jitter: window (seconds) over which the shake's RMS is compared with <see cref="LocalAnalysisThresholds.JitterRmsPixels"/>.</summary>
    public double JitterRmsWindowSeconds { get; set; } = ThresholdDeclarations.JitterRmsWindowSeconds.Default;

    /// <summary>Jitter: <c>vidstabdetect</c> <c>shakiness</c> (1–10): how shaky the motion it expects is.</summary>
    public int MotionShakiness { get; set; } = ThresholdDeclarations.MotionShakiness.DefaultInt;

    /// <summary>Jitter: <c>vidstabdetect</c> <c>accuracy</c> (1–15) of its motion estimation.</summary>
    public int MotionAccuracy { get; set; } = ThresholdDeclarations.MotionAccuracy.DefaultInt;

    /// <summary>HighVoice: absolute sample value counted as clipped.</summary>
    public double ClipSampleLevel { get; set; } = ThresholdDeclarations.ClipSampleLevel.Default;

    /// <summary>HighVoice: a window is also distorted when its crest factor (peak − RMS, dB) is below this ...</summary>
    public double HighVoiceMaxCrestDb { get; set; } = ThresholdDeclarations.HighVoiceMaxCrestDb.Default;

    /// <summary>... while its RMS level (dBFS) is above this.</summary>
    public double HighVoiceMinRmsDb { get; set; } = ThresholdDeclarations.HighVoiceMinRmsDb.Default;

    /// <summary>Score: the confidence of a <c>LowEvaluation</c> finding is this at the bar (<see cref="LocalAnalysisThresholds.LowEvaluationScore"/>)
    /// and rises linearly to 100 at score 0.</summary>
    public int LowEvaluationMinConfidence { get; set; } = ThresholdDeclarations.LowEvaluationMinConfidence.DefaultInt;

    /// <summary>CrashScreen: confidence of a crash span is this plus its number of decoder-error frames (at most 99).</summary>
    public int CrashScreenBaseConfidence { get; set; } = ThresholdDeclarations.CrashScreenBaseConfidence.DefaultInt;

    /// <summary>BlackWhiteEdge: confidence of a finding.</summary>
    public int EdgeConfidence { get; set; } = ThresholdDeclarations.EdgeConfidence.DefaultInt;

    /// <summary>BlackWhiteEdge: severity (0–1) of each frame with bars.</summary>
    public double EdgeSampleSeverity { get; set; } = ThresholdDeclarations.EdgeSampleSeverity.Default;

    /// <summary>SolidColorScreen: confidence of a finding.</summary>
    public int SolidColorConfidence { get; set; } = ThresholdDeclarations.SolidColorConfidence.DefaultInt;

    /// <summary>SolidColorScreen: severity (0–1) of each one-colour frame.</summary>
    public double SolidColorSampleSeverity { get; set; } = ThresholdDeclarations.SolidColorSampleSeverity.Default;

    /// <summary>NoVoice: confidence of a finding (a silence <c>silencedetect</c> measured).</summary>
    public int NoVoiceConfidence { get; set; } = ThresholdDeclarations.NoVoiceConfidence.DefaultInt;

    /// <summary>HighLighting: a frame's severity is its relative margin above <see cref="LocalAnalysisThresholds.HighLightingLuma"/> times this.</summary>
    public double HighLightingSeverityFactor { get; set; } = ThresholdDeclarations.HighLightingSeverityFactor.Default;

    /// <summary>Noise: a frame's severity is its relative margin above <see cref="LocalAnalysisThresholds.NoiseSigma"/> times this.</summary>
    public double NoiseSeverityFactor { get; set; } = ThresholdDeclarations.NoiseSeverityFactor.Default;

    /// <summary>LowVoice: a window's severity is its relative margin below <see cref="LocalAnalysisThresholds.LowVoiceRmsDb"/> times this.</summary>
    public double LowVoiceSeverityFactor { get; set; } = ThresholdDeclarations.LowVoiceSeverityFactor.Default;

    /// <summary>A copy whose later changes do not affect this instance.</summary>
    public AnalysisPlan Clone() => (AnalysisPlan)MemberwiseClone();
}
