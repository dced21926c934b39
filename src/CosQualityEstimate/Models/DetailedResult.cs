namespace CosQualityEstimate.Models;

/// <summary>One kind of problem found in vqaPlus mode (<c>VqaPlusResult/DetailedResult</c>).</summary>
public sealed class DetailedResult
{
    /// <summary>The kind of problem; <see cref="QualityIssueType.Unknown"/> for a value this library does not know.</summary>
    public QualityIssueType Type { get; init; }

    /// <summary>The type exactly as the service sent it.</summary>
    public string? RawType { get; init; }

    /// <summary>Where the problem occurs.</summary>
    public IReadOnlyList<DetailedResultItem> Items { get; init; } = Array.Empty<DetailedResultItem>();
}
