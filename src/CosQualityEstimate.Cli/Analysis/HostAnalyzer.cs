using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>The analyzer of <c>cosqe analyze</c>: <see cref="LocalVideoAnalyzer"/> with ffmpeg from <c>COSQE_FFMPEG</c> or
/// PATH, both read through the host's environment (tests pass a derived <see cref="LocalVideoAnalyzer"/> instead).</summary>
internal static class HostAnalyzer
{
    public static LocalVideoAnalyzer Create(Func<string, string?> env, LocalScoreCalibration? calibration = null)
    {
        var ffmpeg = env(LocalAnalysisOptions.FfmpegPathVariableName);
        return new LocalVideoAnalyzer(new LocalAnalysisOptions
        {
            FfmpegPath = string.IsNullOrWhiteSpace(ffmpeg) ? null : ffmpeg,
            SearchPath = env("PATH"),
            Calibration = calibration,
        });
    }
}
