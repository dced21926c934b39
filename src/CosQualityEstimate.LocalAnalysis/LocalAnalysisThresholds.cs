namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// The thresholds a caller tunes: the bar each finding type is decided by (and its shortest span), and the score's
/// weights. The defaults were measured on synthetic clips (ffmpeg lavfi sources with defects at known times) and
/// checked on a real-footage corpus (camera and film clips, untouched and with injected defects); each property names
/// the metric it compares and the finding type it drives. Each value's allowed range is checked when a
/// <see cref="LocalVideoAnalyzer"/> is created. <c>docs/local-analysis.md</c> explains them. The analysis's other
/// numbers (picture sizes, sampling, vidstabdetect parameters, confidences, severity factors) are the library's own.
/// </summary>
public sealed partial class LocalAnalysisThresholds
{
    /// <summary>Shortest finding reported for the picture detectors (seconds), unless a type has its own minimum.</summary>
    public double MinSegmentSeconds { get; set; } = ThresholdDeclarations.MinSegmentSeconds.Default;

    /// <summary>Two occurrences of one type separated by at most this gap (seconds) are reported as one.</summary>
    public double MergeGapSeconds { get; set; } = ThresholdDeclarations.MergeGapSeconds.Default;

    /// <summary>Blur: <c>blurdetect</c> value above which a frame is blurred whatever the clip.</summary>
    public double BlurAbsolute { get; set; } = ThresholdDeclarations.BlurAbsolute.Default;

    /// <summary>Blur: a frame is also blurred above this multiple of the clip's median <c>blurdetect</c> value (provided it is also
    /// above a floor of the library's).</summary>
    public double BlurRelativeToMedian { get; set; } = ThresholdDeclarations.BlurRelativeToMedian.Default;

    /// <summary>LowLighting: mean luma (<c>signalstats</c> YAVG, 0–255) below which a frame is too dark.</summary>
    public double LowLightingLuma { get; set; } = ThresholdDeclarations.LowLightingLuma.Default;

    /// <summary>HighLighting: mean luma (YAVG, 0–255) above which a frame is overexposed.</summary>
    public double HighLightingLuma { get; set; } = ThresholdDeclarations.HighLightingLuma.Default;

    /// <summary>LowLighting / HighLighting: shortest finding (seconds).</summary>
    public double LightingMinSeconds { get; set; } = ThresholdDeclarations.LightingMinSeconds.Default;

    /// <summary>SolidColorScreen: a frame is one colour when the 10th–90th percentile spread of Y, U and V
    /// (<c>signalstats</c> HIGH − LOW) is at most this.</summary>
    public double SolidColorMaxSpread { get; set; } = ThresholdDeclarations.SolidColorMaxSpread.Default;

    /// <summary>BlackWhiteEdge: each of two opposite bars must cover at least this share of the width or height.</summary>
    public double EdgeMinBarShare { get; set; } = ThresholdDeclarations.EdgeMinBarShare.Default;

    /// <summary>Noise: Immerkær noise sigma (10th percentile of 16×16 blocks of the gray frame) above which a frame is noisy.</summary>
    public double NoiseSigma { get; set; } = ThresholdDeclarations.NoiseSigma.Default;

    /// <summary>Mosaic: 8/16-pixel grid blockiness ratio above which a frame is blocky (also above a
    /// multiple of the clip's median, so content aligned to the grid is not blocky).</summary>
    public double BlockinessRatio { get; set; } = ThresholdDeclarations.BlockinessRatio.Default;

    /// <summary>CrashScreen: video decoder messages at this many analysed frames (within the merge gap) are a corrupted
    /// stream whatever the picture shows.</summary>
    public int CrashScreenMinErrorFrames { get; set; } = ThresholdDeclarations.CrashScreenMinErrorFrames.DefaultInt;

    /// <summary>Jitter: RMS (pixels at 320 px width) of the frame-to-frame motion minus its 1 s mean, over 0.5 s.</summary>
    public double JitterRmsPixels { get; set; } = ThresholdDeclarations.JitterRmsPixels.Default;

    /// <summary>Jitter: shortest finding (seconds); a sudden brightness change upsets motion estimation for a moment.</summary>
    public double JitterMinSeconds { get; set; } = ThresholdDeclarations.JitterMinSeconds.Default;

    /// <summary>NoVoice: <c>silencedetect</c> noise level (dBFS) under which audio is silent.</summary>
    public double SilenceLevelDb { get; set; } = ThresholdDeclarations.SilenceLevelDb.Default;

    /// <summary>NoVoice: shortest silence (seconds).</summary>
    public double SilenceMinSeconds { get; set; } = ThresholdDeclarations.SilenceMinSeconds.Default;

    /// <summary>LowVoice: 100 ms RMS level (dBFS) under which, but above <see cref="SilenceLevelDb"/>, audio is too quiet.</summary>
    public double LowVoiceRmsDb { get; set; } = ThresholdDeclarations.LowVoiceRmsDb.Default;

    /// <summary>LowVoice: shortest finding (seconds).</summary>
    public double LowVoiceMinSeconds { get; set; } = ThresholdDeclarations.LowVoiceMinSeconds.Default;

    /// <summary>HighVoice: share of samples at or near full scale (clipped) in a 100 ms window.</summary>
    public double ClippedSampleShare { get; set; } = ThresholdDeclarations.ClippedSampleShare.Default;

    /// <summary>The analysis's internal numbers (graph sizes and sampling, the detectors' refinements, confidences and
    /// severity factors): not part of the public API; tests and the tools set them.</summary>
    internal AnalysisPlan Plan { get; set; } = new();

    /// <summary>A copy whose later changes do not affect this instance (and the other way round), its plan included.</summary>
    internal LocalAnalysisThresholds Clone()
    {
        var copy = (LocalAnalysisThresholds)MemberwiseClone();
        copy.Plan = Plan.Clone();
        return copy;
    }
}
