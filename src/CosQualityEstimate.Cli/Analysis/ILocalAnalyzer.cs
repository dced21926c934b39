using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>Analyses one local file; the seam between <c>cosqe analyze</c> and <see cref="LocalVideoAnalyzer"/> (tests inject fakes).</summary>
internal interface ILocalAnalyzer
{
    /// <summary>Analyses <paramref name="path"/>.</summary>
    /// <exception cref="FfmpegNotFoundException">ffmpeg is missing (stops the whole run).</exception>
    /// <exception cref="LocalAnalysisException">This file cannot be analysed (others still are).</exception>
    Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken);
}

/// <summary>The production analyzer: <see cref="LocalVideoAnalyzer"/> with ffmpeg from <c>COSQE_FFMPEG</c> or PATH, both
/// read through the host's environment.</summary>
internal sealed class FfmpegLocalAnalyzer : ILocalAnalyzer
{
    private readonly LocalVideoAnalyzer _analyzer;

    public FfmpegLocalAnalyzer(Func<string, string?> env)
    {
        var ffmpeg = env(LocalAnalysisOptions.FfmpegPathVariableName);
        _analyzer = new LocalVideoAnalyzer(new LocalAnalysisOptions
        {
            FfmpegPath = string.IsNullOrWhiteSpace(ffmpeg) ? null : ffmpeg,
            SearchPath = env("PATH"),
        });
    }

    public Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken) =>
        _analyzer.AnalyzeAsync(path, cancellationToken);
}
