namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>What our own code measured on one gray frame (the frame worker writes it, the detectors read it).</summary>
internal sealed record GrayFrameMetrics
{
    public required double Time { get; init; }

    /// <summary>Noise sigma (Immerkær, 10th percentile of 16×16 blocks); <c>NaN</c> when no block was usable.</summary>
    public required double NoiseSigma { get; init; }

    /// <summary>Grid blockiness (8/16-pixel grid); <c>NaN</c> when not measured.</summary>
    public required double Blockiness { get; init; }

    /// <summary>The union of the pixelated tiles (gray-frame pixels) when at least the minimum number was found.</summary>
    public PixelBox? Pixelation { get; init; }

    /// <summary>Uniform near-black / near-white bars at the frame's edges (gray-frame pixels).</summary>
    public UniformBars Bars { get; init; }

    /// <summary>Codes decoded in this frame (only every 2nd frame is decoded: 1 per second).</summary>
    public IReadOnlyList<DecodedCode> Codes { get; init; } = [];

    /// <summary>BRISQUE and NIQE inside the bars, on every other frame; <c>null</c>
    /// on the others and on solid frames.</summary>
    public PerceptualSample? Perceptual { get; init; }

    /// <summary>True when ZXing ran on this frame.</summary>
    public bool CodesRead { get; init; }
}
