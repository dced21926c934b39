using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>The outcome of one local analysis.</summary>
public sealed class LocalAnalysisResult
{
    /// <summary>The score and findings in the service's shape; <see cref="QualityEstimate.Source"/> is
    /// <see cref="QualityEstimateSource.LocalAnalysis"/>.</summary>
    public required QualityEstimate QualityEstimate { get; init; }

    /// <summary>Why the score is what it is: perceptual score, encoding prior, defect penalty and the measured values
    /// behind them; <c>null</c> only for results built by hand (e.g. in tests) without one.</summary>
    public LocalScoreBreakdown? Breakdown { get; init; }

    /// <summary>The duration of the media, in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>Wall time the analysis took.</summary>
    public TimeSpan AnalysisTime { get; init; }

    /// <summary>Notes for the reader, e.g. a detector skipped because this ffmpeg lacks its filter.</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
}
