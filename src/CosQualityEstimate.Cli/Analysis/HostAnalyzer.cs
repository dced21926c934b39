using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>The analyzer of <c>cosqe analyze</c>: <see cref="LocalVideoAnalyzer"/> with ffmpeg from <c>COSQE_FFMPEG</c> or
/// PATH, both read through the host's environment (tests pass a derived <see cref="LocalVideoAnalyzer"/> instead).</summary>
internal static class HostAnalyzer
{
    /// <summary>The CLI's variable naming the ffmpeg executable (mapped to <see cref="LocalAnalysisOptions.FfmpegPath"/>;
    /// the library itself reads only its own <see cref="LocalAnalysisOptions.FfmpegPathVariableName"/>).</summary>
    public const string FfmpegVariable = "COSQE_FFMPEG";

    public static LocalVideoAnalyzer Create(Func<string, string?> env, LocalScoreCalibration? calibration = null)
    {
        var ffmpeg = env(FfmpegVariable);
        return new LocalVideoAnalyzer(new LocalAnalysisOptions
        {
            FfmpegPath = string.IsNullOrWhiteSpace(ffmpeg) ? null : ffmpeg,
            SearchPath = env("PATH"),
            Calibration = calibration,
        });
    }
}
