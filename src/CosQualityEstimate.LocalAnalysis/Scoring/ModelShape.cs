namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>How the softness feature reads fine detail against coarse structure (<see cref="ScoreModel.Transform(ScoreInputs, ModelShape)"/>).</summary>
internal enum SoftnessForm
{
    /// <summary>Not in the model (weight 0).</summary>
    None = 0,

    /// <summary><c>max(0, log2(r₀ / r))</c> with <c>r</c> = fine detail / coarse detail.</summary>
    LogRatio = 1,

    /// <summary><c>max(0, 1 − r / r₀) · log2(1 + coarse detail)</c>: the share of fine detail lost, weighed by how much
    /// structure there is to lose it from (a smooth sky loses little).</summary>
    ScaledShare = 2,
}

/// <summary>The transform's parameters chosen by cross-validation or fitted with the weights (tools/ScoreFit), committed
/// in <see cref="ScoreModelCoefficients"/>.</summary>
/// <param name="DetailExponent">How strongly content detail raises the bits per pixel a picture needs.</param>
/// <param name="NiqeCap">The NIQE value above which NIQE counts no further.</param>
/// <param name="Softness">The softness feature's form.</param>
/// <param name="SoftnessRatio">r₀: the fine / coarse detail ratio of a sharp picture (the fitting sources' pristine rungs' median).</param>
/// <param name="CoarseCovariate">Whether the bits per pixel are counted against the coarse detail (else the fine detail).</param>
/// <param name="QpKnee">q₀: the mean slice QP (H.264/HEVC) above which the quantizer feature counts (<c>max(0, QP − q₀)</c>);
/// <see cref="double.PositiveInfinity"/> when the feature is not in the model.</param>
internal readonly record struct ModelShape(
    double DetailExponent,
    double NiqeCap,
    SoftnessForm Softness,
    double SoftnessRatio,
    bool CoarseCovariate,
    double QpKnee)
{
    /// <summary>The committed model's shape.</summary>
    public static ModelShape Committed => new(
        ScoreModelCoefficients.DetailExponent,
        ScoreModelCoefficients.NiqeCap,
        (SoftnessForm)ScoreModelCoefficients.SoftnessForm,
        ScoreModelCoefficients.SoftnessRatio,
        ScoreModelCoefficients.CoarseCovariate,
        ScoreModelCoefficients.QpKnee);
}
