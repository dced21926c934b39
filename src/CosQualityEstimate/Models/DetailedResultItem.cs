namespace CosQualityEstimate.Models;

/// <summary>One occurrence of a problem (<c>DetailedResult/Items</c>).</summary>
public sealed class DetailedResultItem
{
    /// <summary><c>Confidence</c>: 0 to 100; <c>null</c> when the service does not return it.</summary>
    public int? Confidence { get; init; }

    /// <summary><c>StartTimeOffset</c>: start of the occurrence, in seconds.</summary>
    public double? StartTimeOffset { get; init; }

    /// <summary><c>EndTimeOffset</c>: end of the occurrence, in seconds.</summary>
    public double? EndTimeOffset { get; init; }

    /// <summary><c>AreaCoordSet</c>: area in pixels: top-left x, y, bottom-right x, y. Empty when not returned.</summary>
    public IReadOnlyList<int> AreaCoordSet { get; init; } = Array.Empty<int>();
}
