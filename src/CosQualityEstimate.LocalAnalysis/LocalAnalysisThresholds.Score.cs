namespace CosQualityEstimate.LocalAnalysis;

/// <summary>The score's bar and weights: what each finding type costs when it covers the whole clip (see <c>docs/local-analysis.md</c>).</summary>
public sealed partial class LocalAnalysisThresholds
{
    /// <summary>Score: a clip scoring below this gets a <c>LowEvaluation</c> finding (the service's "good" bar is 6).</summary>
    public double LowEvaluationScore { get; set; } = ThresholdDeclarations.LowEvaluationScore.Default;

    /// <summary>Score: weight of <c>CrashScreen</c> (the cost, out of 10, of a crash screen over the whole clip).</summary>
    public double CrashScreenWeight { get; set; } = ThresholdDeclarations.CrashScreenWeight.Default;

    /// <summary>Score: weight of <c>SolidColorScreen</c>.</summary>
    public double SolidColorScreenWeight { get; set; } = ThresholdDeclarations.SolidColorScreenWeight.Default;

    /// <summary>Score: weight of <c>Blur</c>.</summary>
    public double BlurWeight { get; set; } = ThresholdDeclarations.BlurWeight.Default;

    /// <summary>Score: weight of <c>Mosaic</c>.</summary>
    public double MosaicWeight { get; set; } = ThresholdDeclarations.MosaicWeight.Default;

    /// <summary>Score: weight of <c>Noise</c>. 0 by default: noise is measured by the score's model on every sampled frame
    /// (NIQE, BRISQUE and the noise sigma), and the finding also fires on film grain and fine texture.</summary>
    public double NoiseWeight { get; set; } = ThresholdDeclarations.NoiseWeight.Default;

    /// <summary>Score: weight of <c>LowLighting</c>.</summary>
    public double LowLightingWeight { get; set; } = ThresholdDeclarations.LowLightingWeight.Default;

    /// <summary>Score: weight of <c>HighLighting</c>.</summary>
    public double HighLightingWeight { get; set; } = ThresholdDeclarations.HighLightingWeight.Default;

    /// <summary>Score: weight of <c>Jitter</c>.</summary>
    public double JitterWeight { get; set; } = ThresholdDeclarations.JitterWeight.Default;

    /// <summary>Score: weight of <c>HighVoice</c>.</summary>
    public double HighVoiceWeight { get; set; } = ThresholdDeclarations.HighVoiceWeight.Default;

    /// <summary>Score: weight of <c>NoVoice</c>.</summary>
    public double NoVoiceWeight { get; set; } = ThresholdDeclarations.NoVoiceWeight.Default;

    /// <summary>Score: weight of <c>LowVoice</c>.</summary>
    public double LowVoiceWeight { get; set; } = ThresholdDeclarations.LowVoiceWeight.Default;

    /// <summary>Score: weight of <c>BlackWhiteEdge</c>. QR and bar codes are content, not quality: they never cost anything.</summary>
    public double BlackWhiteEdgeWeight { get; set; } = ThresholdDeclarations.BlackWhiteEdgeWeight.Default;
}
