using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

// One file per model family: jobs and callbacks here; CosQualityEstimateModelFactory.Results.cs (score, vqaPlus),
// .MediaInfo.cs (container and streams) and .Operations.cs (pages, lookups, operations, outcomes).
/// <summary>
/// Builds the library's output models for tests and mocks: every value is taken as given, nothing is parsed, derived or
/// validated. Raw-text companions (<c>Raw…</c>, <c>RawValues</c>) are <c>null</c> or empty unless passed, as for a
/// value the service did not send.
/// </summary>
/// <remarks>
/// Lives in <c>CosQualityEstimate.Jobs</c> because it builds types of both <c>Models</c> and <c>Jobs</c>, and of the two
/// only Jobs may use the other (layer map: docs/architecture.md).
/// </remarks>
public static partial class CosQualityEstimateModelFactory
{
    /// <summary>Builds a <see cref="Models.JobDetail"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="state">The state.</param>
    /// <param name="rawState">The state's text as the service would send it.</param>
    /// <param name="code">The error code (Failed jobs).</param>
    /// <param name="message">The error description (Failed jobs).</param>
    /// <param name="tag">The job type, for example <c>QualityEstimate</c>.</param>
    /// <param name="queueId">The queue id.</param>
    /// <param name="creationTime">When the job was created.</param>
    /// <param name="startTime">When the job started.</param>
    /// <param name="endTime">When the job ended.</param>
    /// <param name="input">The input.</param>
    /// <param name="settings">The echoed configuration.</param>
    /// <param name="userData">The user data.</param>
    /// <param name="clientToken">The client token.</param>
    /// <param name="jobLevel">The priority.</param>
    /// <param name="mediaInfo">The media information.</param>
    /// <param name="qualityEstimate">The analysis result.</param>
    /// <param name="requestId">The request id of the response the job was read from.</param>
    /// <param name="rawCreationTime">The creation time's text.</param>
    /// <param name="rawStartTime">The start time's text.</param>
    /// <param name="rawEndTime">The end time's text.</param>
    /// <param name="rawJobLevel">The priority's text.</param>
    /// <returns>The job.</returns>
    public static JobDetail JobDetail(
        string jobId = "",
        JobState state = default,
        string? rawState = null,
        string? code = null,
        string? message = null,
        string? tag = null,
        string? queueId = null,
        DateTimeOffset? creationTime = null,
        DateTimeOffset? startTime = null,
        DateTimeOffset? endTime = null,
        JobInput? input = null,
        QualityEstimateSettings? settings = null,
        string? userData = null,
        string? clientToken = null,
        int? jobLevel = null,
        MediaInfo? mediaInfo = null,
        QualityEstimate? qualityEstimate = null,
        string? requestId = null,
        string? rawCreationTime = null,
        string? rawStartTime = null,
        string? rawEndTime = null,
        string? rawJobLevel = null) => new()
        {
            JobId = jobId ?? string.Empty,
            State = state,
            RawState = rawState,
            Code = code,
            Message = message,
            Tag = tag,
            QueueId = queueId,
            CreationTime = creationTime,
            RawCreationTime = rawCreationTime,
            StartTime = startTime,
            RawStartTime = rawStartTime,
            EndTime = endTime,
            RawEndTime = rawEndTime,
            Input = input,
            Settings = settings,
            UserData = userData,
            ClientToken = clientToken,
            JobLevel = jobLevel,
            RawJobLevel = rawJobLevel,
            MediaInfo = mediaInfo,
            QualityEstimate = qualityEstimate,
            RequestId = requestId,
        };

    /// <summary>Builds a <see cref="Models.JobInput"/>.</summary>
    /// <param name="objectKey">The input object key.</param>
    /// <param name="bucketId">The input bucket.</param>
    /// <param name="region">The input region.</param>
    /// <returns>The input.</returns>
    public static JobInput JobInput(string? objectKey = null, string? bucketId = null, string? region = null) =>
        new() { ObjectKey = objectKey, BucketId = bucketId, Region = region };

    /// <summary>Builds a <see cref="Models.QualityEstimateSettings"/>.</summary>
    /// <param name="mode">The mode.</param>
    /// <param name="rotate">The rotation.</param>
    /// <param name="rawMode">The mode's text.</param>
    /// <param name="rawRotate">The rotation's text.</param>
    /// <returns>The settings.</returns>
    public static QualityEstimateSettings QualityEstimateSettings(QualityEstimateMode? mode = null, int? rotate = null, string? rawMode = null, string? rawRotate = null) =>
        new() { Mode = mode, Rotate = rotate, RawMode = rawMode, RawRotate = rawRotate };

    /// <summary>Builds a <see cref="Models.JobCallback"/> as <see cref="Models.JobCallback.Parse(string, string?)"/> would return it.</summary>
    /// <param name="eventName">The event, for example <c>TaskFinish</c>.</param>
    /// <param name="jobs">The jobs the callback reports.</param>
    /// <param name="format">The format the body was read as.</param>
    /// <returns>The callback.</returns>
    public static JobCallback JobCallback(string eventName = "TaskFinish", IEnumerable<JobDetail>? jobs = null, CallbackFormat format = CallbackFormat.Xml) =>
        new(eventName ?? string.Empty, List(jobs), format);

    private static T[] List<T>(IEnumerable<T>? items) => items is null ? Array.Empty<T>() : items.ToArray();
}
