namespace CosQualityEstimate.Models;

/// <summary>
/// A batch processing job as the service describes it (<c>Response/JobsDetail</c> of <c>/inventorytriggerjob</c>).
/// Official SDKs disagree on some names; both spellings are read (<c>CreationTime</c>/<c>CreateTime</c>).
/// </summary>
public sealed class BatchJobDetail
{
    /// <summary><c>JobId</c>: the batch id (the service's ids start with <c>b</c>).</summary>
    public string JobId { get; init; } = string.Empty;

    /// <summary><c>Name</c>: the name given at creation.</summary>
    public string? Name { get; init; }

    /// <summary><c>Type</c>: <c>Job</c> for a batch of jobs (<c>Workflow</c> for a workflow batch).</summary>
    public string? Type { get; init; }

    /// <summary><c>State</c>; <see cref="JobState.Unknown"/> for a value this library does not know (see <see cref="RawState"/>).</summary>
    public JobState State { get; init; }

    /// <summary>The state exactly as the service sent it.</summary>
    public string? RawState { get; init; }

    /// <summary><c>Code</c>: the error code of a failed batch.</summary>
    public string? Code { get; init; }

    /// <summary><c>Message</c>: the error description of a failed batch.</summary>
    public string? Message { get; init; }

    /// <summary><c>Tag</c> (or <c>Operation/Tag</c>): the job type the batch creates.</summary>
    public string? Tag { get; init; }

    /// <summary><c>Progress</c> exactly as the service sent it (for example <c>40%</c>); <c>null</c> when absent.</summary>
    public string? Progress { get; init; }

    /// <summary><c>QueueId</c> (or <c>Operation/QueueId</c>).</summary>
    public string? QueueId { get; init; }

    /// <summary><c>CreationTime</c> (or <c>CreateTime</c>); <c>null</c> when absent or unreadable.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary><c>StartTime</c>; <c>null</c> when not started (<c>-</c>).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary><c>EndTime</c>; <c>null</c> when not ended (<c>-</c>).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary><c>Input</c>: which objects the batch covers.</summary>
    public BatchJobInput? Input { get; init; }

    /// <summary><c>Operation/UserData</c>.</summary>
    public string? UserData { get; init; }

    /// <summary>The request id of the response the batch was read from, if known.</summary>
    public string? RequestId { get; init; }

    /// <summary>True once the batch reached Success, Failed or Cancel.</summary>
    public bool HasCompleted => State is JobState.Success or JobState.Failed or JobState.Canceled;
}
