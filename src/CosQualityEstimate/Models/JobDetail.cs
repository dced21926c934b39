using System.Xml.Linq;

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

    /// <summary><c>CreationTime</c>; <c>null</c> when absent.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    /// <summary><c>StartTime</c>; <c>null</c> when the job has not started (the service sends <c>-</c>).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary><c>EndTime</c>; <c>null</c> when the job has not ended (the service sends <c>-</c>).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary><c>Input</c>: the input bucket, object and region.</summary>
    public JobInput? Input { get; init; }

    /// <summary><c>Operation/QualityEstimateConfig</c> as echoed by the service.</summary>
    public QualityEstimateSettings? Settings { get; init; }

    /// <summary><c>Operation/UserData</c>: the pass-through user data (without the client-token marker, see <see cref="ClientToken"/>).</summary>
    public string? UserData { get; init; }

    /// <summary>The client token the submit carried in UserData, if any (see <see cref="QualityEstimateJobRequest.ClientToken"/>).</summary>
    public string? ClientToken { get; init; }

    /// <summary><c>Operation/JobLevel</c>: the priority, when the service echoed a number.</summary>
    public int? JobLevel { get; init; }

    /// <summary><c>Operation/MediaInfo</c>: media information of the input, kept as raw XML (the <c>MediaInfo</c> element,
    /// for example <c>MediaInfo.Element("Stream")?.Element("Video")</c>); absent until the job completes.</summary>
    public XElement? MediaInfo { get; init; }

    /// <summary><c>Operation/QualityEstimate</c>: what the service measured (score, vqaPlus findings); absent until the job completes.</summary>
    public QualityEstimate? QualityEstimate { get; init; }

    /// <summary>True when the job reached a terminal state: Success, Failed or Canceled. Paused is not terminal.</summary>
    public bool HasCompleted => State is JobState.Success or JobState.Failed or JobState.Canceled;
}
