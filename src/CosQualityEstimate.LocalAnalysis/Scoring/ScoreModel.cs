namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>The model's reading of one video before the defect penalty: the picture's score and what the encoding
/// prior takes off it (<c>Quality = Perceptual − EncodingPriorPenalty</c>, both on 0–10).</summary>
internal readonly record struct ModelReading(double Perceptual, double EncodingPriorPenalty)
{
    public double Quality => Perceptual - EncodingPriorPenalty;
}

/// <summary>
/// The score's model: <c>quality = clamp(b₀ − Σ wᵢ φᵢ(x), 0, 10)</c> with every weight wᵢ ≥ 0 and every φᵢ a
/// monotone transform of one measure oriented so that larger is worse — so the score can only fall when a measure
/// gets worse (monotone by construction). The weights are fitted opinion-unaware by <c>tools/ScoreFit</c> (ladders
/// of degraded real pictures, each rung labelled by full-reference SSIM/PSNR against its source) and committed in
/// <see cref="ScoreModelCoefficients"/>. φ₀…φ₄ read the pictures (BRISQUE, NIQE, blur, blockiness, noise), φ₅…φ₈ the
/// encoding (bits per pixel in two hinges, coded lines, frame rate); content detail (SI-like) enters only as a
/// covariate of bits per pixel (detailed content needs more bits), never as quality by itself.
/// </summary>
internal static class ScoreModel
{
    /// <summary>Number of transformed features.</summary>
    public const int FeatureCount = 9;

    /// <summary>The first feature of the encoding prior (the ones before it read the pictures).</summary>
    public const int FirstPriorFeature = 5;

    /// <summary>Bits per pixel (H.264-equivalent, at reference detail) above which more bits add nothing.</summary>
    public const double SaturatedBitsPerPixel = 0.12;

    /// <summary>Bits per pixel below which a picture is starved (the second hinge).</summary>
    public const double StarvedBitsPerPixel = 0.02;

    /// <summary>The detail (mean absolute gradient, gray levels per pixel) bits per pixel are counted against.</summary>
    public const double ReferenceDetail = 6;

    /// <summary>The lowest frame rate not counted as choppy.</summary>
    public const double FluentFramesPerSecond = 24;

    /// <summary>Names of the features, in order (for the fit tool and the docs).</summary>
    public static readonly string[] FeatureNames =
    [
        "brisque/10", "niqe", "blur-4", "blockiness-1", "log2(1+noise)",
        "bits-deficit", "starved-bits", "lines-deficit", "fps-deficit",
    ];

    /// <summary>The transformed features φ of <paramref name="x"/> (larger is worse; 0 when at or better than the
    /// reference); a measure that is missing takes the fitting set's median (<see cref="ScoreModelCoefficients.Neutral"/>).
    /// NIQE counts up to <paramref name="niqeCap"/> (chosen by cross-validation): beyond it the picture is far from
    /// natural anyway (heavy noise, which the noise feature reads), and an uncapped NIQE would let noise set its weight.</summary>
    public static double[] Transform(ScoreInputs x, double detailExponent, double niqeCap)
    {
        var phi = new double[FeatureCount];
        phi[0] = x.Brisque / 10;
        phi[1] = Math.Clamp(x.Niqe, 0, niqeCap);
        phi[2] = Math.Max(0, x.Blur - 4);
        phi[3] = Math.Max(0, x.Blockiness - 1);
        phi[4] = Math.Log2(1 + Math.Max(0, x.Noise));
        var detail = double.IsFinite(x.Detail) && x.Detail > 0 ? x.Detail : ReferenceDetail;
        var bits = x.BitsPerPixel * x.CodecFactor * Math.Pow(ReferenceDetail / Math.Clamp(detail, 1, 40), detailExponent);
        phi[5] = Math.Max(0, Math.Log2(SaturatedBitsPerPixel / bits));
        phi[6] = Math.Max(0, Math.Log2(StarvedBitsPerPixel / bits));
        phi[7] = x.CodedHeight > 0 ? Math.Max(0, Math.Log2((double)EncodingPrior.ReferenceLines / x.CodedHeight)) : double.NaN;
        phi[8] = x.FramesPerSecond > 0 ? Math.Max(0, Math.Log2(FluentFramesPerSecond / x.FramesPerSecond)) : double.NaN;
        for (var i = 0; i < FeatureCount; i++)
        {
            if (!double.IsFinite(phi[i]))
            {
                phi[i] = ScoreModelCoefficients.Neutral[i];
            }
        }

        return phi;
    }

    /// <summary>The model's reading with the committed coefficients.</summary>
    public static ModelReading Read(ScoreInputs x) =>
        Read(Transform(x, ScoreModelCoefficients.DetailExponent, ScoreModelCoefficients.NiqeCap), ScoreModelCoefficients.Intercept, ScoreModelCoefficients.Weights);

    /// <summary>The model's reading of transformed features with the given coefficients (the fit tool's too).</summary>
    public static ModelReading Read(double[] phi, double intercept, IReadOnlyList<double> weights)
    {
        double perceptual = intercept, prior = 0;
        for (var i = 0; i < FeatureCount; i++)
        {
            if (i < FirstPriorFeature)
            {
                perceptual -= weights[i] * phi[i];
            }
            else
            {
                prior += weights[i] * phi[i];
            }
        }

        var p = Math.Clamp(perceptual, 0, 10);
        var quality = Math.Clamp(perceptual - prior, 0, 10);
        return new ModelReading(p, p - quality);
    }
}
