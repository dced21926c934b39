namespace CosQualityEstimate.Models;

/// <summary>
/// What the service measured for one video (<c>Operation/QualityEstimate</c>): the score and, in vqaPlus mode, the
/// findings. Read it from <see cref="JobDetail.QualityEstimate"/>; <c>Jobs.QualityEstimateOutcome</c> is the
/// value of a finished operation and carries the whole job.
/// </summary>
public sealed class QualityEstimate
{
    /// <summary>The minimum score the service documents as good video quality.</summary>
    public const double GoodQualityThreshold = 6.0;

    /// <summary><c>Score</c>: the quality score, at most 10; <c>null</c> when absent or not a number (see <see cref="RawScore"/>).</summary>
    public double? Score { get; init; }

    /// <summary>The score exactly as the service sent it.</summary>
    public string? RawScore { get; init; }

    /// <summary>True when <see cref="Score"/> is at least <see cref="GoodQualityThreshold"/> (the service's "good quality" bar).</summary>
    public bool IsGoodQuality => Score >= GoodQualityThreshold;

    /// <summary><c>VqaPlusResult</c>: detailed findings; <c>null</c> outside vqaPlus mode.</summary>
    public VqaPlusResult? VqaPlus { get; init; }

    /// <summary>Where this result came from: <see cref="QualityEstimateSource.Service"/> unless the response carries the
    /// emulator's or the local analyzer's marker (see <see cref="RawSource"/>).</summary>
    public QualityEstimateSource Source { get; init; }

    /// <summary>The marker exactly as received (<c>simulated</c>, <c>local-analysis</c>, ...); <c>null</c> when absent,
    /// which is always the case for the real service.</summary>
    public string? RawSource { get; init; }
}
