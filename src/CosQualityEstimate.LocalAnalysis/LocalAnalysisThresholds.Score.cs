namespace CosQualityEstimate.LocalAnalysis;

/// <summary>The score's weights: what each finding type costs when it covers the whole clip (see <c>docs/local-analysis.md</c>).</summary>
public sealed partial class LocalAnalysisThresholds
{
    /// <summary>Score: weight of <c>CrashScreen</c> (the cost, out of 10, of a crash screen over the whole clip).</summary>
    public double CrashScreenWeight { get; set; } = 7;

    /// <summary>Score: weight of <c>SolidColorScreen</c>.</summary>
    public double SolidColorScreenWeight { get; set; } = 6;

    /// <summary>Score: weight of <c>Blur</c>.</summary>
    public double BlurWeight { get; set; } = 5;

    /// <summary>Score: weight of <c>Mosaic</c>.</summary>
    public double MosaicWeight { get; set; } = 5;

    /// <summary>Score: weight of <c>Noise</c>. 0 by default: noise is measured by the score's model on every sampled frame
    /// (NIQE, BRISQUE and the noise sigma), and the finding also fires on film grain and fine texture.</summary>
    public double NoiseWeight { get; set; }

    /// <summary>Score: weight of <c>LowLighting</c>.</summary>
    public double LowLightingWeight { get; set; } = 4;

    /// <summary>Score: weight of <c>HighLighting</c>.</summary>
    public double HighLightingWeight { get; set; } = 4;

    /// <summary>Score: weight of <c>Jitter</c>.</summary>
    public double JitterWeight { get; set; } = 4;

    /// <summary>Score: weight of <c>HighVoice</c>.</summary>
    public double HighVoiceWeight { get; set; } = 4;

    /// <summary>Score: weight of <c>NoVoice</c>.</summary>
    public double NoVoiceWeight { get; set; } = 3;

    /// <summary>Score: weight of <c>LowVoice</c>.</summary>
    public double LowVoiceWeight { get; set; } = 2;

    /// <summary>Score: weight of <c>BlackWhiteEdge</c>. QR and bar codes are content, not quality: they never cost anything.</summary>
    public double BlackWhiteEdgeWeight { get; set; } = 1.5;

    /// <summary>Score: the confidence of a <c>LowEvaluation</c> finding is this at the bar (<see cref="LowEvaluationScore"/>)
    /// and rises linearly to 100 at score 0.</summary>
    public int LowEvaluationMinConfidence { get; set; } = 50;
}
