using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Estimates the quality of a local video file with ffmpeg (spawned as a process, one decode pass) and returns the
/// service's own result shape, marked <see cref="QualityEstimateSource.LocalAnalysis"/>.
/// </summary>
public sealed class LocalVideoAnalyzer
{
    private readonly LocalAnalysisOptions _options;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">Thresholds and the ffmpeg location; defaults when <c>null</c>.</param>
    public LocalVideoAnalyzer(LocalAnalysisOptions? options = null)
    {
        _options = options ?? new LocalAnalysisOptions();
    }

    /// <summary>Analyzes the file at <paramref name="path"/>.</summary>
    /// <param name="path">A local video file.</param>
    /// <param name="cancellationToken">Cancels the analysis (kills ffmpeg).</param>
    /// <returns>The result: a <see cref="QualityEstimate"/> with vqaPlus findings, plus notes.</returns>
    /// <exception cref="FfmpegNotFoundException">ffmpeg/ffprobe is missing or too old.</exception>
    /// <exception cref="MediaUnreadableException">The file is not a readable video/audio file.</exception>
    public Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
    {
        // SKELETON: replaced by the real implementation (issue 14 §2).
        _ = _options;
        throw new NotImplementedException("skeleton");
    }
}
