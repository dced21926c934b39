namespace CosQualityEstimate.Emulator.Wire;

/// <summary>Wire form of <c>JobsDetail</c>.</summary>
internal sealed class JobDetailXml
{
    /// <summary><c>Code</c>: error code, meaningful only when State is Failed.</summary>
    public string? Code { get; set; }

    /// <summary><c>Message</c>: error description, meaningful only when State is Failed.</summary>
    public string? Message { get; set; }

    /// <summary><c>JobId</c>: the job id.</summary>
    public string? JobId { get; set; }

    /// <summary><c>State</c>: Submitted, Running, Success, Failed, Pause or Cancel.</summary>
    public string? State { get; set; }

    /// <summary><c>CreationTime</c>: service time text, e.g. <c>2022-06-27T15:23:10+0800</c>.</summary>
    public string? CreationTime { get; set; }

    /// <summary><c>StartTime</c>: service time text, <c>-</c> when not started.</summary>
    public string? StartTime { get; set; }

    /// <summary><c>EndTime</c>: service time text, <c>-</c> when not ended.</summary>
    public string? EndTime { get; set; }

    /// <summary><c>QueueId</c>: the queue the job belongs to.</summary>
    public string? QueueId { get; set; }

    /// <summary><c>Tag</c>: the job type, <c>QualityEstimate</c>.</summary>
    public string? Tag { get; set; }

    /// <summary><c>Input</c>: the input of the job.</summary>
    public JobInputXml? Input { get; set; }

    /// <summary><c>Operation</c>: the rule and, when complete, the result.</summary>
    public JobOperationXml? Operation { get; set; }
}
