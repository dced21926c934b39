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
/// <see cref="ScoreModelCoefficients"/>. φ₀…φ₆ read the pictures (BRISQUE, NIQE, blur, blockiness, noise, and blur and
/// blockiness scaled by the content's detail), φ₇…φ₁₁ the encoding (bits per pixel in two hinges and scaled by the
/// content's detail, coded lines, frame rate). Content detail (SI-like: the mean luma gradient) is a covariate only,
/// never quality by itself: it scales a deficit that is 0 on a clean picture, <c>c = max(0, log2(detail / floor))</c>
/// (the floor chosen by cross-validation), because the same softness, blocking or bit starvation costs fine texture
/// far more than a smooth sky (sand loses its grain; a sky's blocks change few pixels). Larger detail can only lower
/// the score, so the model stays monotone in every measure.
/// </summary>
internal static class ScoreModel
{
    /// <summary>Number of transformed features.</summary>
    public const int FeatureCount = 12;

    /// <summary>The first feature of the encoding prior (the ones before it read the pictures).</summary>
    public const int FirstPriorFeature = 7;

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
        "brisque/10", "niqe", "blur-4", "blockiness-1", "log2(1+noise)", "(blur-4)·c", "(blockiness-1)·c",
        "bits-deficit", "starved-bits", "bits-deficit·c", "lines-deficit", "fps-deficit",
    ];

    /// <summary>The content covariate <c>c = max(0, log2(detail / floor))</c>: 0 for smooth content (detail at or below
    /// <paramref name="detailFloor"/> gray levels per pixel), rising by 1 per doubling of the detail; <c>NaN</c> when
    /// the detail was not measured; 0 when <paramref name="detailFloor"/> is infinite (no content scaling).</summary>
    public static double Covariate(double detail, double detailFloor) =>
        double.IsPositiveInfinity(detailFloor) ? 0
        : double.IsFinite(detail) && detail > 0 ? Math.Max(0, Math.Log2(Math.Min(detail, 64) / detailFloor)) : double.NaN;

    /// <summary>The transformed features φ of <paramref name="x"/> (larger is worse; 0 when at or better than the
    /// reference); a measure that is missing takes the fitting set's median (<see cref="ScoreModelCoefficients.Neutral"/>).
    /// NIQE counts up to <paramref name="niqeCap"/> (chosen by cross-validation): beyond it the picture is far from
    /// natural anyway (heavy noise, which the noise feature reads), and an uncapped NIQE would let noise set its weight.</summary>
    public static double[] Transform(ScoreInputs x, double detailExponent, double niqeCap, double detailFloor)
    {
        var phi = Raw(x, detailExponent, niqeCap, detailFloor);
        for (var i = 0; i < FeatureCount; i++)
        {
            if (!double.IsFinite(phi[i]))
            {
                phi[i] = ScoreModelCoefficients.Neutral[i];
            }
        }

        return phi;
    }

    /// <summary>φ without the neutral fill: <c>NaN</c> where a measure is missing (the fit tool fills its own medians).</summary>
    public static double[] Raw(ScoreInputs x, double detailExponent, double niqeCap, double detailFloor)
    {
        var phi = new double[FeatureCount];
        var c = Covariate(x.Detail, detailFloor);
        phi[0] = x.Brisque / 10;
        phi[1] = Math.Clamp(x.Niqe, 0, niqeCap);
        phi[2] = Math.Max(0, x.Blur - 4);
        phi[3] = Math.Max(0, x.Blockiness - 1);
        phi[4] = Math.Log2(1 + Math.Max(0, x.Noise));
        phi[5] = phi[2] * c;
        phi[6] = phi[3] * c;
        var detail = double.IsFinite(x.Detail) && x.Detail > 0 ? x.Detail : ReferenceDetail;
        var bits = x.BitsPerPixel * x.CodecFactor * Math.Pow(ReferenceDetail / Math.Clamp(detail, 1, 40), detailExponent);
        phi[7] = Math.Max(0, Math.Log2(SaturatedBitsPerPixel / bits));
        phi[8] = Math.Max(0, Math.Log2(StarvedBitsPerPixel / bits));
        phi[9] = phi[7] * c;
        phi[10] = x.CodedHeight > 0 ? Math.Max(0, Math.Log2((double)EncodingPrior.ReferenceLines / x.CodedHeight)) : double.NaN;
        phi[11] = x.FramesPerSecond > 0 ? Math.Max(0, Math.Log2(FluentFramesPerSecond / x.FramesPerSecond)) : double.NaN;
        return phi;
    }

    /// <summary>The model's reading with the committed coefficients.</summary>
    public static ModelReading Read(ScoreInputs x) =>
        Read(Transform(x, ScoreModelCoefficients.DetailExponent, ScoreModelCoefficients.NiqeCap, ScoreModelCoefficients.DetailFloor), ScoreModelCoefficients.Intercept, ScoreModelCoefficients.Weights);

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
