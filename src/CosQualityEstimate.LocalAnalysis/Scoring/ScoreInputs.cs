namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>What the score is computed from: the pooled per-frame measures (defect spans left out) and the encoding
/// prior's inputs from ffprobe. <c>NaN</c> where nothing was measured.</summary>
internal sealed record ScoreInputs
{
    /// <summary>Pooled BRISQUE (0 best … 100 worst).</summary>
    public double Brisque { get; init; } = double.NaN;

    /// <summary>Pooled NIQE (lower is better).</summary>
    public double Niqe { get; init; } = double.NaN;

    /// <summary>Pooled mean absolute luma gradient (content detail; a covariate of the prior).</summary>
    public double Detail { get; init; } = double.NaN;

    /// <summary>Pooled coarse detail (<see cref="Perceptual.CoarseDetail"/>: mean absolute difference of neighbouring 8×8
    /// box means): the structure fine detail is read against, and the covariate of the bits per pixel.</summary>
    public double CoarseDetail { get; init; } = double.NaN;

    /// <summary>Mean slice-header QP (H.264/HEVC, 0–51); <c>NaN</c> for other codecs or unreadable slice headers.</summary>
    public double Qp { get; init; } = double.NaN;

    /// <summary>Pooled band energies of the sampled frames (<see cref="Perceptual.BandEnergy"/>, finest first, gray
    /// levels²; interquartile mean per band); <c>null</c> when not measured.</summary>
    public IReadOnlyList<double>? Bands { get; init; }

    /// <summary>The estimated lost energy (gray levels², an estimate of the MSE a degradation caused): the band energy
    /// missing against what the coarser bands predict (<see cref="ScoreModel.LostEnergy"/>); <c>NaN</c> when not measured.</summary>
    public double LostEnergy { get; init; } = double.NaN;

    /// <summary>Median blurdetect value.</summary>
    public double Blur { get; init; } = double.NaN;

    /// <summary>Median 8-px grid blockiness (only measured when the gray frames are at the source's width).</summary>
    public double Blockiness { get; init; } = double.NaN;

    /// <summary>Median Immerkær noise sigma (gray levels).</summary>
    public double Noise { get; init; } = double.NaN;

    /// <summary>Video bits per pixel per frame (bit rate / (width × height × frame rate)), as coded.</summary>
    public double BitsPerPixel { get; init; } = double.NaN;

    /// <summary>How many H.264 bits one bit of this codec is worth (<see cref="EncodingPrior.CodecFactor"/>).</summary>
    public double CodecFactor { get; init; } = 1;

    /// <summary>The coded picture height, lines.</summary>
    public int CodedHeight { get; init; }

    /// <summary>The frame rate; 0 when unknown.</summary>
    public double FramesPerSecond { get; init; }

    /// <summary>How many sampled frames the perceptual measures were pooled over.</summary>
    public int PerceptualFrames { get; init; }
}
