namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Why a video got its local score: what the pictures show, what the encoding prior takes off, what the defects cost,
/// and the measured values behind them (see <c>docs/local-analysis.md</c>, "Score"). <c>Score = clamp(PerceptualScore −
/// EncodingPriorPenalty − DefectPenalty, 0, 10)</c> rounded to one decimal, then mapped by the calibration when one is set.
/// </summary>
public sealed class LocalScoreBreakdown
{
    /// <summary>The final score, 0–10 (the same as <see cref="Models.QualityEstimate.Score"/>).</summary>
    public double Score { get; init; }

    /// <summary>What the pictures alone score, 0–10: the model's reading of the natural-scene statistics (BRISQUE,
    /// NIQE) and the blur, blockiness and noise measures, pooled over the sampled frames outside defect spans.</summary>
    public double PerceptualScore { get; init; }

    /// <summary>Points the encoding prior takes off (few bits per pixel for the codec and the content's detail, fewer
    /// coded lines than a 1080-line display, a low frame rate); 0 or more.</summary>
    public double EncodingPriorPenalty { get; init; }

    /// <summary>Points the vqaPlus findings take off (black or solid-colour screens, crashes, lighting, jitter, sound,
    /// …: <c>weight × √(share of the clip)</c> per type); 0 or more.</summary>
    public double DefectPenalty { get; init; }

    /// <summary>The score before the calibration (equal to <see cref="Score"/> without one).</summary>
    public double UncalibratedScore { get; init; }

    /// <summary>The name of the calibration applied (<see cref="LocalAnalysisOptions.Calibration"/>); <c>null</c> when none.</summary>
    public string? Calibration { get; init; }

    /// <summary>Pooled BRISQUE, 0 (best) … 100 (worst), LIVE-trained model; <c>null</c> when no frame could be measured.</summary>
    public double? Brisque { get; init; }

    /// <summary>Pooled NIQE (lower is better); <c>null</c> when no frame could be measured.</summary>
    public double? Niqe { get; init; }

    /// <summary>Median <c>blurdetect</c> value (higher is blurrier); <c>null</c> when not measured.</summary>
    public double? Blur { get; init; }

    /// <summary>Median 8-pixel grid blockiness (1 = none); <c>null</c> when not measured (gray frames narrower than the video).</summary>
    public double? Blockiness { get; init; }

    /// <summary>Median noise sigma (gray levels, Immerkær); <c>null</c> when not measured.</summary>
    public double? Noise { get; init; }

    /// <summary>Video bits per pixel per frame (bit rate / (width × height × frame rate)); <c>null</c> when the bit rate is unknown.</summary>
    public double? BitsPerPixel { get; init; }

    /// <summary>Pooled mean absolute luma gradient of the sampled frames (gray levels per pixel): how much detail the
    /// content has, a covariate of the bits per pixel (never quality by itself); <c>null</c> when not measured.</summary>
    public double? Detail { get; init; }

    /// <summary>Pooled coarse detail of the sampled frames: the mean absolute difference of neighbouring 8×8 box means
    /// (gray levels). Blur, down-scaling and compression take fine detail (<see cref="Detail"/>) and leave this, so
    /// their ratio reads softness against the content's own structure; <c>null</c> when not measured.</summary>
    public double? CoarseDetail { get; init; }

    /// <summary>The mean over the frames outside defect spans of each frame's slice-header QP (H.264 and HEVC, scale
    /// 0–51, higher is coarser; a frame's slices weighted by the area each covers): the rate control's quantizer,
    /// without the per-block adaptive-quantization deltas (x264 writes its first macroblock's QP as the slice's). <c>null</c>
    /// for other codecs or when the slice headers could not be read; the score is then made by the no-QP variant
    /// (<see cref="Model"/>).</summary>
    public double? QuantizationParameter { get; init; }

    /// <summary>The estimated lost energy of the sampled frames (gray levels², an estimate of the mean squared error a
    /// degradation caused): the fine-band energy missing against what the coarser bands of the same pictures predict
    /// for a sharp natural picture (a Haar pyramid; blur, down-scaling and compression remove fine-band energy). Large
    /// for lost fine texture, small for a smooth sky; <c>10·log10(255² / LostEnergy)</c> reads it as a PSNR.
    /// <c>null</c> when not measured.</summary>
    public double? LostEnergy { get; init; }

    /// <summary>The pooled band energies behind <see cref="LostEnergy"/> (finest first; for the fit tool).</summary>
    internal IReadOnlyList<double>? Bands { get; init; }

    /// <summary>The video codec as ffprobe names it (e.g. <c>h264</c>); its bits are weighed by a codec factor.</summary>
    public string? Codec { get; init; }

    /// <summary>The coded picture height in lines (0 without video).</summary>
    public int CodedHeight { get; init; }

    /// <summary>The video's frame rate (0 when unknown).</summary>
    public double FramesPerSecond { get; init; }

    /// <summary>How many sampled frames BRISQUE and NIQE were pooled over.</summary>
    public int PerceptualFrames { get; init; }

    /// <summary>The version of the score model (its fit) and the variant that scored this video — e.g.
    /// <c>nss-prior-3 (…)</c> with a QP, <c>nss-prior-3/no-qp (…)</c> without — for comparing scores across releases.</summary>
    public string Model { get; init; } = "";
}
