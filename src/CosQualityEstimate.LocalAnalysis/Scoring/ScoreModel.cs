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
/// <see cref="ScoreModelCoefficients"/>. φ₀…φ₆ read the pictures (BRISQUE, NIQE, blur, blockiness, noise, estimated lost
/// energy, softness: fine detail lost against coarse structure), φ₇…φ₁₁ the encoding (bits per pixel in two hinges,
/// coded lines, frame rate, the mean slice QP above a knee); content detail (SI-like) enters only as a covariate
/// of bits per pixel (detailed content needs more bits) and as the reference softness is read against, never as
/// quality by itself.
/// </summary>
internal static class ScoreModel
{
    /// <summary>Number of transformed features.</summary>
    public const int FeatureCount = 12;

    /// <summary>The feature of the estimated lost energy (<see cref="LostEnergy"/>).</summary>
    public const int LostEnergyFeature = 5;

    /// <summary>The feature of softness: fine detail lost against the coarse structure (<see cref="SoftnessForm"/>).</summary>
    public const int SoftnessFeature = 6;

    /// <summary>The first feature of the encoding prior (the ones before it read the pictures).</summary>
    public const int FirstPriorFeature = 7;

    /// <summary>The bits-per-pixel features (above saturation, starved).</summary>
    public const int BitsFeature = 7, StarvedBitsFeature = 8;

    /// <summary>The coded-lines and frame-rate features.</summary>
    public const int LinesFeature = 9, FrameRateFeature = 10;

    /// <summary>The feature of the mean slice QP (<c>max(0, QP − q₀)</c>, H.264/HEVC scale).</summary>
    public const int QpFeature = 11;

    /// <summary>Bits per pixel (H.264-equivalent, at reference detail) above which more bits add nothing.</summary>
    public const double SaturatedBitsPerPixel = 0.12;

    /// <summary>Bits per pixel below which a picture is starved (the second hinge).</summary>
    public const double StarvedBitsPerPixel = 0.02;

    /// <summary>The detail (mean absolute gradient, gray levels per pixel) bits per pixel are counted against.</summary>
    public const double ReferenceDetail = 6;

    /// <summary>The coarse detail (gray levels per 8×8 box, <see cref="Perceptual.CoarseDetail"/>) bits per pixel are
    /// counted against when the covariate is the coarse detail (about the fitting rungs' median).</summary>
    public const double ReferenceCoarseDetail = 6;

    /// <summary>The flattest and steepest per-octave band-energy ratio a picture's own slope is read as (lost energy).</summary>
    public const double MinimumSlope = 0.25, MaximumSlope = 1.5;

    /// <summary>The lowest frame rate not counted as choppy.</summary>
    public const double FluentFramesPerSecond = 24;

    /// <summary>Names of the features, in order (for the fit tool and the docs).</summary>
    public static readonly string[] FeatureNames =
    [
        "brisque/10", "niqe", "blur-4", "blockiness-1", "log2(1+noise)", "log2(1+lost)", "softness",
        "bits-deficit", "starved-bits", "lines-deficit", "fps-deficit", "qp-excess",
    ];

    /// <summary>The transformed features φ of <paramref name="x"/> (larger is worse; 0 when at or better than the
    /// reference); a measure that is missing takes the fitting set's median (<see cref="ScoreModelCoefficients.Neutral"/>).
    /// NIQE counts up to the shape's cap (chosen by cross-validation): beyond it the picture is far from
    /// natural anyway (heavy noise, which the noise feature reads), and an uncapped NIQE would let noise set its weight.
    /// The quantizer counts above the shape's knee; a stream whose quantizer is not read (not H.264/HEVC) takes the neutral value (and <see cref="Read(ScoreInputs)"/> reads it with the no-QP variant).</summary>
    public static double[] Transform(ScoreInputs x, ModelShape shape) => Transform(x, shape, ScoreModelCoefficients.Neutral);

    /// <summary>The transformed features with <paramref name="neutral"/> for the missing measures.</summary>
    public static double[] Transform(ScoreInputs x, ModelShape shape, IReadOnlyList<double> neutral)
    {
        var phi = new double[FeatureCount];
        phi[0] = x.Brisque / 10;
        phi[1] = Math.Clamp(x.Niqe, 0, shape.NiqeCap);
        phi[2] = Math.Max(0, x.Blur - 4);
        phi[3] = Math.Max(0, x.Blockiness - 1);
        phi[4] = Math.Log2(1 + Math.Max(0, x.Noise));
        phi[LostEnergyFeature] = Math.Log2(1 + Math.Max(0, x.LostEnergy));
        phi[SoftnessFeature] = Softness(x.Detail, x.CoarseDetail, shape);
        var (detail, reference) = shape.CoarseCovariate ? (x.CoarseDetail, ReferenceCoarseDetail) : (x.Detail, ReferenceDetail);
        detail = double.IsFinite(detail) && detail > 0 ? detail : reference;
        var bits = x.BitsPerPixel * x.CodecFactor * Math.Pow(reference / Math.Clamp(detail, reference / 6, reference * 40 / 6), shape.DetailExponent);
        phi[BitsFeature] = Math.Max(0, Math.Log2(SaturatedBitsPerPixel / bits));
        phi[StarvedBitsFeature] = Math.Max(0, Math.Log2(StarvedBitsPerPixel / bits));
        phi[LinesFeature] = x.CodedHeight > 0 ? Math.Max(0, Math.Log2((double)EncodingPrior.ReferenceLines / x.CodedHeight)) : double.NaN;
        phi[FrameRateFeature] = x.FramesPerSecond > 0 ? Math.Max(0, Math.Log2(FluentFramesPerSecond / x.FramesPerSecond)) : double.NaN;
        phi[QpFeature] = double.IsPositiveInfinity(shape.QpKnee) ? 0 : Math.Max(0, x.Qp - shape.QpKnee);
        for (var i = 0; i < FeatureCount; i++)
        {
            if (!double.IsFinite(phi[i]))
            {
                phi[i] = neutral[i];
            }
        }

        return phi;
    }

    /// <summary>The softness feature: fine detail against coarse structure (<see cref="SoftnessForm"/>); 0 when the
    /// form is <see cref="SoftnessForm.None"/>, <c>NaN</c> when a measure is missing.</summary>
    public static double Softness(double fine, double coarse, ModelShape shape)
    {
        if (shape.Softness == SoftnessForm.None)
        {
            return 0;
        }

        if (!double.IsFinite(fine) || !double.IsFinite(coarse) || coarse <= 0 || fine < 0)
        {
            return double.NaN;
        }

        var ratio = Math.Max(fine / coarse, 1e-3);
        return shape.Softness == SoftnessForm.LogRatio
            ? Math.Max(0, Math.Log2(shape.SoftnessRatio / ratio))
            : Math.Max(0, 1 - (ratio / shape.SoftnessRatio)) * Math.Log2(1 + coarse);
    }

    /// <summary>
    /// The estimated lost energy of a picture from its band energies (<see cref="Perceptual.BandEnergy"/>, finest
    /// first): <c>D = Σ_b max(0, Ê_b − E_b)</c>, where a band's expected energy Ê_b comes from a coarser band by the
    /// per-octave ratios κ fitted on the pristine rungs of the fitting sources — from the next band
    /// (<c>Ê_b = κ_b·E_{b+1}</c>) when <paramref name="anchor"/> is 0, otherwise from the band <paramref name="anchor"/>
    /// (<c>Ê_b = E_anchor·Π_{j=b}^{anchor−1} κ_j</c> for every finer band) when it is positive, and when it is negative
    /// from the picture's own slope: <c>s = clamp(E_a / E_{a+1}, 0.25, 1.5)</c> with <c>a = −anchor</c>, and
    /// <c>Ê_b = E_a·s^(a−b)</c> for every finer band (the coarse bands survive most degradations). Blur, down-scaling and compression remove
    /// fine-band energy; the amount removed is what PSNR counts (gray levels², an MSE estimate), large for fine texture
    /// and small for a smooth sky automatically. <c>NaN</c> when a band needed is missing.
    /// </summary>
    public static double LostEnergy(IReadOnlyList<double> bands, IReadOnlyList<double> ratios, int anchor)
    {
        double lost = 0;
        if (anchor < 0)
        {
            var a = Math.Min(-anchor, bands.Count - 2);
            var slope = Math.Clamp(bands[a] / bands[a + 1], MinimumSlope, MaximumSlope);
            if (!double.IsFinite(slope))
            {
                return double.NaN;
            }

            var expected = bands[a];
            for (var b = a - 1; b >= 0; b--)
            {
                expected *= slope;
                if (!double.IsFinite(bands[b]))
                {
                    return double.NaN;
                }

                lost += Math.Max(0, expected - bands[b]);
            }

            return lost;
        }

        var top = anchor == 0 ? bands.Count - 1 : Math.Min(anchor, bands.Count - 1);
        for (var b = 0; b < top; b++)
        {
            double expected;
            if (anchor == 0)
            {
                expected = ratios[b] * bands[b + 1];
            }
            else
            {
                expected = bands[top];
                for (var j = b; j < top; j++)
                {
                    expected *= ratios[j];
                }
            }

            if (!double.IsFinite(expected) || !double.IsFinite(bands[b]))
            {
                return double.NaN;
            }

            lost += Math.Max(0, expected - bands[b]);
        }

        return lost;
    }

    /// <summary>Whether the committed model reads <paramref name="x"/> with its QP variant: the slice QP was measured
    /// (H.264, HEVC) and the model has a QP feature. Otherwise the no-QP variant reads it
    /// (<see cref="ScoreModelCoefficients.NoQpWeights"/>: the same shape fitted with the QP withheld, so the bits per
    /// pixel carry the encoding signal).</summary>
    public static bool UsesQp(ScoreInputs x) => UsesQp(x, ScoreModelCoefficients.QpKnee);

    /// <summary>The one rule for which variant reads <paramref name="x"/> (the library's committed model and the fit
    /// tool's candidates): the QP variant when the QP was measured and the model's QP knee <paramref name="qpKnee"/> is
    /// finite, the no-QP variant otherwise.</summary>
    public static bool UsesQp(ScoreInputs x, double qpKnee) => double.IsFinite(x.Qp) && !double.IsPositiveInfinity(qpKnee);

    /// <summary>The name of the committed variant that reads <paramref name="x"/> (<see cref="LocalScoreBreakdown.Model"/>).</summary>
    public static string VersionFor(ScoreInputs x) => UsesQp(x) ? ScoreModelCoefficients.Version : ScoreModelCoefficients.NoQpVersion;

    /// <summary>The model's reading with the committed coefficients: the QP variant when the QP was measured, the
    /// no-QP variant otherwise (<see cref="UsesQp(ScoreInputs)"/>).</summary>
    public static ModelReading Read(ScoreInputs x) => UsesQp(x)
        ? Read(Transform(x, ModelShape.Committed), ScoreModelCoefficients.Intercept, ScoreModelCoefficients.Weights)
        : Read(Transform(x, ModelShape.Committed with { QpKnee = double.PositiveInfinity }, ScoreModelCoefficients.NoQpNeutral), ScoreModelCoefficients.NoQpIntercept, ScoreModelCoefficients.NoQpWeights);

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
