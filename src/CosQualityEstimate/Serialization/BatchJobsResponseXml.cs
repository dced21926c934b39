namespace CosQualityEstimate.Serialization;

/// <summary>
/// Wire form of a <c>/inventorytriggerjob</c> response: each batch's text fields by element name (first occurrence wins;
/// nested <c>Input</c>, <c>Operation</c> and <c>Operation/TimeInterval</c> fields under <c>Input/…</c>,
/// <c>Operation/…</c>), the ids the service does not know (<c>NonExistJobIds</c> or <c>NonExistJobId</c>) and
/// <c>NextToken</c>. Kept apart from <c>Models.Wire</c>: no XmlSerializer oracle describes it.
/// </summary>
internal sealed class BatchJobsResponseXml
{
    internal List<Dictionary<string, string>> JobsDetail { get; } = new();

    internal List<string> NonExistJobIds { get; } = new();

    internal string? NextToken { get; set; }
}
