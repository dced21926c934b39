namespace CosQualityEstimate.Models;

/// <summary>One occurrence of a problem (<c>DetailedResult/Items</c>).</summary>
public sealed class DetailedResultItem
{
    /// <summary><c>Confidence</c>: 0 to 100; <c>null</c> when the service does not return it.</summary>
    public int? Confidence { get; init; }

    /// <summary>The confidence exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawConfidence { get; init; }

    /// <summary><c>StartTimeOffset</c>: start of the occurrence, in seconds.</summary>
    public double? StartTimeOffset { get; init; }

    /// <summary>The start offset exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawStartTimeOffset { get; init; }

    /// <summary><c>EndTimeOffset</c>: end of the occurrence, in seconds.</summary>
    public double? EndTimeOffset { get; init; }

    /// <summary>The end offset exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawEndTimeOffset { get; init; }

    /// <summary><c>AreaCoordSet</c>: area in pixels: top-left x, y, bottom-right x, y. Empty when not returned.</summary>
    public IReadOnlyList<int> AreaCoordSet { get; init; } = Array.Empty<int>();

    /// <summary>The <c>AreaCoordSet</c> elements exactly as the service sent them (each may itself be a list such as
    /// <c>1700,900,1900,1060</c>); pieces that are not integers are left out of <see cref="AreaCoordSet"/> but kept here.</summary>
    public IReadOnlyList<string> RawAreaCoordSet { get; init; } = Array.Empty<string>();
}
