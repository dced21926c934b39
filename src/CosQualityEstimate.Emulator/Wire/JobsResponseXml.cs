namespace CosQualityEstimate.Emulator.Wire;

/// <summary>
/// Wire form of every <c>&lt;Response&gt;</c> body of the jobs API: submit, describe, list, and the
/// callback the service posts (which adds <c>EventName</c>).
/// </summary>
internal sealed class JobsResponseXml
{
    /// <summary><c>EventName</c>: set in callbacks (for example <c>TaskFinish</c>).</summary>
    public string? EventName { get; set; }

    /// <summary><c>JobsDetail</c>: one or many jobs.</summary>
    public List<JobDetailXml> JobsDetail { get; set; } = new();

    /// <summary><c>NonExistJobIds</c>: requested job ids the service does not know.</summary>
    public List<string> NonExistJobIds { get; set; } = new();

    /// <summary><c>NextToken</c>: continuation token of a list call; empty on the last page.</summary>
    public string? NextToken { get; set; }
}
