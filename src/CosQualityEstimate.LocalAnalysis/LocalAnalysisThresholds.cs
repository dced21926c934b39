namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Every threshold of the local detectors, and the score's weights, in one place. The defaults were measured on
/// synthetic clips (ffmpeg lavfi sources with defects at known times) and checked on a real-footage corpus (camera and
/// film clips, untouched and with injected defects); each property names the metric it compares and the finding type
/// it drives. <c>docs/local-analysis.md</c> explains them.
/// </summary>
public sealed partial class LocalAnalysisThresholds
{
    /// <summary>The analysis picture is scaled down to at most this width (pixels) before the ffmpeg filters run.</summary>
    public int AnalysisMaxWidth { get; set; } = 640;

    /// <summary>The grayscale frames our own code reads (2 per second) are at most this wide (pixels).</summary>
    public int GrayFrameMaxWidth { get; set; } = 1280;

    /// <summary>Shortest finding reported for the picture detectors (seconds), unless a type has its own minimum.</summary>
    public double MinSegmentSeconds { get; set; } = 0.5;

    /// <summary>Two occurrences of one type separated by at most this gap (seconds) are reported as one.</summary>
    public double MergeGapSeconds { get; set; } = 0.5;

    /// <summary>Blur: <c>blurdetect</c> value above which a frame is blurred whatever the clip.</summary>
    public double BlurAbsolute { get; set; } = 13.0;

    /// <summary>Blur: a frame is also blurred above this multiple of the clip's median <c>blurdetect</c> value ...</summary>
    public double BlurRelativeToMedian { get; set; } = 1.4;

    /// <summary>... provided its value is also above this floor.</summary>
    public double BlurRelativeFloor { get; set; } = 5.5;

    /// <summary>LowLighting: mean luma (<c>signalstats</c> YAVG, 0–255) below which a frame is too dark.</summary>
    public double LowLightingLuma { get; set; } = 55;

    /// <summary>HighLighting: mean luma (YAVG, 0–255) above which a frame is overexposed.</summary>
    public double HighLightingLuma { get; set; } = 190;

    /// <summary>LowLighting: a dark frame whose 90th luma percentile (YHIGH) reaches this still has highlights — a dim
    /// film or night scene lit as intended — and is not too dark.</summary>
    public double LowLightingMaxHighlightLuma { get; set; } = 100;

    /// <summary>HighLighting: a bright frame is overexposed only when its 90th luma percentile (YHIGH) reaches this —
    /// highlights blown to white; a high-key picture that keeps its tones below it is bright on purpose.</summary>
    public double HighLightingMinHighlightLuma { get; set; } = 230;

    /// <summary>LowLighting / HighLighting: shortest finding (seconds).</summary>
    public double LightingMinSeconds { get; set; } = 1.0;

    /// <summary>SolidColorScreen: a frame is one colour when the 10th–90th percentile spread of Y, U and V
    /// (<c>signalstats</c> HIGH − LOW) is at most this.</summary>
    public double SolidColorMaxSpread { get; set; } = 3;

    /// <summary>SolidColorScreen: <c>blackdetect</c> pixel threshold (0–1) for a black picture.</summary>
    public double BlackPixelThreshold { get; set; } = 0.10;

    /// <summary>SolidColorScreen: shortest black span <c>blackdetect</c> reports (its <c>d=</c>, seconds).</summary>
    public double BlackMinSeconds { get; set; } = 0.3;

    /// <summary>BlackWhiteEdge: <c>cropdetect</c> limit (0–255): darker pixels (or, negated, brighter) count as bar.</summary>
    public int EdgeCropLimit { get; set; } = 24;

    /// <summary>BlackWhiteEdge: each of two opposite bars must cover at least this share of the width or height.</summary>
    public double EdgeMinBarShare { get; set; } = 0.03;

    /// <summary>BlackWhiteEdge: bars must last at least this long (seconds) ...</summary>
    public double EdgeMinSeconds { get; set; } = 2.0;

    /// <summary>... or at least this share of the clip (0–1), whichever is shorter.</summary>
    public double EdgeMinClipShare { get; set; } = 0.2;

    /// <summary>BlackWhiteEdge: at least this share (0–1) of a span's frames has the same bars (within
    /// <see cref="EdgeSizeTolerance"/> of the commonest crop box).</summary>
    public double EdgeSameSizeShare { get; set; } = 0.8;

    /// <summary>BlackWhiteEdge: two crop boxes are the same size when every side differs by at most this share of the
    /// picture's width or height (and at most 2 px anyway).</summary>
    public double EdgeSizeTolerance { get; set; } = 0.02;

    /// <summary>BlackWhiteEdge: a bar line (row or column of the gray frame) is uniform when its luma standard deviation
    /// is at most this.</summary>
    public double EdgeBarMaxStdDev { get; set; } = 6;

    /// <summary>BlackWhiteEdge: at least this share (0–1) of a span's gray frames must show flat bars (each at least half
    /// of <see cref="EdgeMinBarShare"/>, the gray frames being scaled) on both opposite sides.</summary>
    public double EdgeUniformFrameShare { get; set; } = 0.5;

    /// <summary>Noise: Immerkær noise sigma (10th percentile of 16×16 blocks of the gray frame) above which a frame is noisy.</summary>
    public double NoiseSigma { get; set; } = 1.0;

    /// <summary>Mosaic: 8/16-pixel grid blockiness ratio above which a frame is blocky (also above
    /// <see cref="BlockinessRelativeToMedian"/> × the clip's median).</summary>
    public double BlockinessRatio { get; set; } = 2.0;

    /// <summary>Mosaic: blockiness must also exceed this multiple of the clip's median (content aligned to the grid).</summary>
    public double BlockinessRelativeToMedian { get; set; } = 1.5;

    /// <summary>Mosaic: side of the square tiles searched for a pixelation grid (pixels of the gray frame).</summary>
    public int MosaicTileSize { get; set; } = 64;

    /// <summary>Mosaic: a tile is pixelated when at most this share of its luma changes falls off the grid.</summary>
    public double MosaicMaxOffGridShare { get; set; } = 0.05;

    /// <summary>Mosaic: a frame is pixelated when at least this many tiles are (a single tile can be chance).</summary>
    public int MosaicMinTiles { get; set; } = 2;

    /// <summary>Mosaic: compression blockiness alone (no pixelation grid) must last at least this long (seconds).</summary>
    public double MosaicBlockinessMinSeconds { get; set; } = 1.0;

    /// <summary>CrashScreen: video decoder messages at this many analysed frames (within the merge gap) are a corrupted
    /// stream whatever the picture shows.</summary>
    public int CrashScreenMinErrorFrames { get; set; } = 3;

    /// <summary>CrashScreen: fewer messages are a crash only when a frame at their time jumps away from both neighbours:
    /// its mean absolute luma difference (signalstats YDIF) to each is above this multiple of the clip's median ...</summary>
    public double CrashScreenJumpRelativeToMedian { get; set; } = 3;

    /// <summary>... and above this floor (0–255).</summary>
    public double CrashScreenJumpFloor { get; set; } = 12;

    /// <summary>CrashScreen: damage is looked for from one analysed frame before the first message to this many analysed
    /// frames after the last (the decoder prints before the damaged frame leaves the filters).</summary>
    public int CrashScreenDamageWindowFrames { get; set; } = 3;

    /// <summary>Jitter: RMS (pixels at 320 px width) of the frame-to-frame motion minus its 1 s mean, over 0.5 s.</summary>
    public double JitterRmsPixels { get; set; } = 3.0;

    /// <summary>Jitter: shortest finding (seconds); a sudden brightness change upsets motion estimation for a moment.</summary>
    public double JitterMinSeconds { get; set; } = 1.0;

    /// <summary>Jitter: window (seconds) of the moving mean of the motion; a pan is smooth within it, so the motion minus
    /// this mean is the shake.</summary>
    public double JitterMeanWindowSeconds { get; set; } = 1.0;

    /// <summary>Jitter: window (seconds) over which the shake's RMS is compared with <see cref="JitterRmsPixels"/>.</summary>
    public double JitterRmsWindowSeconds { get; set; } = 0.5;

    /// <summary>Jitter: <c>vidstabdetect</c> <c>shakiness</c> (1–10): how shaky the motion it expects is.</summary>
    public int MotionShakiness { get; set; } = 5;

    /// <summary>Jitter: <c>vidstabdetect</c> <c>accuracy</c> (1–15) of its motion estimation.</summary>
    public int MotionAccuracy { get; set; } = 9;

    /// <summary>NoVoice: <c>silencedetect</c> noise level (dBFS) under which audio is silent.</summary>
    public double SilenceLevelDb { get; set; } = -60;

    /// <summary>NoVoice: shortest silence (seconds).</summary>
    public double SilenceMinSeconds { get; set; } = 0.5;

    /// <summary>LowVoice: 100 ms RMS level (dBFS) under which, but above <see cref="SilenceLevelDb"/>, audio is too quiet.</summary>
    public double LowVoiceRmsDb { get; set; } = -45;

    /// <summary>LowVoice: shortest finding (seconds).</summary>
    public double LowVoiceMinSeconds { get; set; } = 1.0;

    /// <summary>HighVoice: share of samples at or above <see cref="ClipSampleLevel"/> (full scale = 1) in a 100 ms window.</summary>
    public double ClippedSampleShare { get; set; } = 0.01;

    /// <summary>HighVoice: absolute sample value counted as clipped.</summary>
    public double ClipSampleLevel { get; set; } = 0.98;

    /// <summary>HighVoice: a window is also distorted when its crest factor (peak − RMS, dB) is below this ...</summary>
    public double HighVoiceMaxCrestDb { get; set; } = 2.5;

    /// <summary>... while its RMS level (dBFS) is above this.</summary>
    public double HighVoiceMinRmsDb { get; set; } = -20;

    /// <summary>Score: a clip scoring below this gets a <c>LowEvaluation</c> finding (the service's "good" bar is 6).</summary>
    public double LowEvaluationScore { get; set; } = 6.0;
}
