namespace CosQualityEstimate.Models;

/// <summary>Detailed findings of a vqaPlus analysis (<c>QualityEstimate/VqaPlusResult</c>).</summary>
public sealed class VqaPlusResult
{
    /// <summary><c>NoAudio</c>: the input has no audio; <c>null</c> when absent or not a boolean (see <see cref="RawNoAudio"/>).</summary>
    public bool? NoAudio { get; init; }

    /// <summary><c>NoAudio</c> exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawNoAudio { get; init; }

    /// <summary><c>NoVideo</c>: the input has no video; <c>null</c> when absent or not a boolean (see <see cref="RawNoVideo"/>).</summary>
    public bool? NoVideo { get; init; }

    /// <summary><c>NoVideo</c> exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawNoVideo { get; init; }

    /// <summary><c>DetailedResult</c>: the problems found, one entry per kind.</summary>
    public IReadOnlyList<DetailedResult> DetailedResults { get; init; } = Array.Empty<DetailedResult>();
}
