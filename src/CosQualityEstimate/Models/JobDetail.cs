namespace CosQualityEstimate.Models;

/// <summary>A job as the service describes it (<c>Response/JobsDetail</c>), in submit, describe, list and callback results.</summary>
public sealed class JobDetail
{
    /// <summary><c>JobId</c>: the job id.</summary>
    public string JobId { get; init; } = string.Empty;

    /// <summary><c>State</c>: the job state; <see cref="JobState.Unknown"/> for a value this library does not know.</summary>
    public JobState State { get; init; }

    /// <summary>The state exactly as the service sent it.</summary>
    public string? RawState { get; init; }

    /// <summary><c>Code</c>: the error code; meaningful only when <see cref="State"/> is Failed.</summary>
    public string? Code { get; init; }

    /// <summary><c>Message</c>: the error description; meaningful only when <see cref="State"/> is Failed.</summary>
    public string? Message { get; init; }

    /// <summary><c>Tag</c>: the job type, <c>QualityEstimate</c> for jobs this library submits.</summary>
    public string? Tag { get; init; }

    /// <summary><c>QueueId</c>: the queue the job belongs to.</summary>
    public string? QueueId { get; init; }

    /// <summary><c>CreationTime</c>; <c>null</c> when absent or unreadable (see <see cref="RawCreationTime"/>).</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary><c>CreationTime</c> exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawCreationTime { get; init; }

    /// <summary><c>StartTime</c>; <c>null</c> when the job has not started (the service sends <c>-</c>).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary><c>StartTime</c> exactly as the service sent it (for example <c>-</c>); <c>null</c> when absent.</summary>
    public string? RawStartTime { get; init; }

    /// <summary><c>EndTime</c>; <c>null</c> when the job has not ended (the service sends <c>-</c>).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary><c>EndTime</c> exactly as the service sent it (for example <c>-</c>); <c>null</c> when absent.</summary>
    public string? RawEndTime { get; init; }

    /// <summary><c>Input</c>: the input bucket, object and region.</summary>
    public JobInput? Input { get; init; }

    /// <summary><c>Operation/QualityEstimateConfig</c> as echoed by the service.</summary>
    public QualityEstimateSettings? Settings { get; init; }

    /// <summary><c>Operation/UserData</c>: the pass-through user data (without the client-token marker, see <see cref="ClientToken"/>).</summary>
    public string? UserData { get; init; }

    /// <summary>The client token the submit carried in UserData, if any (see <see cref="QualityEstimateJobRequest.ClientToken"/>).</summary>
    public string? ClientToken { get; init; }

    /// <summary><c>Operation/JobLevel</c>: the priority, when the service echoed a number (see <see cref="RawJobLevel"/>).</summary>
    public int? JobLevel { get; init; }

    /// <summary><c>Operation/JobLevel</c> exactly as the service sent it; <c>null</c> when absent.</summary>
    public string? RawJobLevel { get; init; }

    /// <summary><c>Operation/MediaInfo</c>: the input's container and streams (codec, width, height, duration, bit rate,
    /// frame rate…); <c>null</c> until the job completes.</summary>
    public MediaInfo? MediaInfo { get; init; }

    /// <summary><c>Operation/QualityEstimate</c>: what the service measured (score, vqaPlus findings); absent until the job completes.</summary>
    public QualityEstimate? QualityEstimate { get; init; }

    /// <summary>
    /// The request id (<c>x-ci-request-id</c>, or <c>x-cos-request-id</c>) of the response this job was read from, for
    /// support tickets; <c>null</c> for jobs read from a callback and when the service sent none.
    /// </summary>
    public string? RequestId { get; init; }

    /// <summary>True when the job reached a terminal state: Success, Failed or Canceled. Paused is not terminal.</summary>
    public bool HasCompleted => State is JobState.Success or JobState.Failed or JobState.Canceled;
}
