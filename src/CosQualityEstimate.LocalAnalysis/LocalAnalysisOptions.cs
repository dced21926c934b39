namespace CosQualityEstimate.LocalAnalysis;

/// <summary>Where ffmpeg is and the thresholds of every detector (one place to tune them).</summary>
public sealed class LocalAnalysisOptions
{
    /// <summary>The environment variable the library reads for the ffmpeg executable (ffprobe is looked up next to it),
    /// named after the package; an application maps its own variable to <see cref="FfmpegPath"/> (the <c>cosqe</c> CLI
    /// reads <c>COSQE_FFMPEG</c>).</summary>
    public const string FfmpegPathVariableName = "COSQUALITYESTIMATE_FFMPEG";

    /// <summary>The ffmpeg executable; <c>null</c> = <see cref="FfmpegPathVariableName"/>, then <c>ffmpeg</c> on PATH.</summary>
    public string? FfmpegPath { get; set; }

    /// <summary>
    /// The directories searched for <c>ffmpeg</c> and <c>ffprobe</c> when neither <see cref="FfmpegPath"/> nor
    /// <see cref="FfmpegPathVariableName"/> is set, in the format of the PATH variable; <c>null</c> = the process's PATH.
    /// </summary>
    public string? SearchPath { get; set; }

    /// <summary>A map from the local score to the service's scale (<c>cosqe calibrate</c>); <c>null</c> = the local
    /// score as it is. The result's source stays <c>local-analysis</c>; <see cref="LocalScoreBreakdown.Calibration"/> names it.</summary>
    public LocalScoreCalibration? Calibration { get; set; }

    /// <summary>The thresholds of the detectors and the score's weights; see <c>docs/local-analysis.md</c>.</summary>
    public LocalAnalysisThresholds Thresholds { get; set; } = new();
}
