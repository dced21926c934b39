namespace CosQualityEstimate.LocalAnalysis;

/// <summary>The confidence (0–100) each finding type reports, and the factors that turn a picture or audio rule's margin
/// into a severity (the segment's confidence grows with its mean severity; see <c>docs/local-analysis.md</c>).</summary>
public sealed partial class LocalAnalysisThresholds
{
    /// <summary>CrashScreen: confidence of a crash span is this plus its number of decoder-error frames (at most 99).</summary>
    public int CrashScreenBaseConfidence { get; set; } = 70;

    /// <summary>BlackWhiteEdge: confidence of a finding.</summary>
    public int EdgeConfidence { get; set; } = 90;

    /// <summary>BlackWhiteEdge: severity (0–1) of each frame with bars.</summary>
    public double EdgeSampleSeverity { get; set; } = 0.8;

    /// <summary>SolidColorScreen: confidence of a finding.</summary>
    public int SolidColorConfidence { get; set; } = 95;

    /// <summary>SolidColorScreen: severity (0–1) of each one-colour frame.</summary>
    public double SolidColorSampleSeverity { get; set; } = 0.9;

    /// <summary>NoVoice: confidence of a finding (a silence <c>silencedetect</c> measured).</summary>
    public int NoVoiceConfidence { get; set; } = 95;

    /// <summary>HighLighting: a frame's severity is its relative margin above <see cref="HighLightingLuma"/> times this.</summary>
    public double HighLightingSeverityFactor { get; set; } = 4;

    /// <summary>Noise: a frame's severity is its relative margin above <see cref="NoiseSigma"/> times this.</summary>
    public double NoiseSeverityFactor { get; set; } = 0.25;

    /// <summary>LowVoice: a window's severity is its relative margin below <see cref="LowVoiceRmsDb"/> times this.</summary>
    public double LowVoiceSeverityFactor { get; set; } = 3;
}
