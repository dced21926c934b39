using System.ComponentModel;
using System.Xml.Linq;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Builds the library's output models for tests and mocks: every value is taken as given, nothing is parsed, derived or
/// validated. Raw-text companions (<c>Raw…</c>, <c>RawValues</c>) are <c>null</c> or empty unless passed, as for a
/// value the service did not send.
/// </summary>
/// <remarks>
/// Lives in <c>CosQualityEstimate.Jobs</c> because it builds types of both <c>Models</c> and <c>Jobs</c>, and of the two
/// only Jobs may use the other (layer map: docs/architecture.md).
/// </remarks>
public static class CosQualityEstimateModelFactory
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

    /// <summary>Builds a <see cref="Models.QualityEstimate"/>.</summary>
    /// <param name="score">The score.</param>
    /// <param name="vqaPlus">The vqaPlus findings.</param>
    /// <param name="rawScore">The score's text.</param>
    /// <param name="source">Where the result came from (<see cref="QualityEstimateSource.Service"/> by default), e.g. to test
    /// code that must label simulated or locally analysed results.</param>
    /// <param name="rawSource">The marker's text (<c>simulated</c>, <c>local-analysis</c>); <c>null</c> for the real service.</param>
    /// <returns>The result.</returns>
    public static QualityEstimate QualityEstimate(
        double? score = null, VqaPlusResult? vqaPlus = null, string? rawScore = null, QualityEstimateSource source = QualityEstimateSource.Service, string? rawSource = null) =>
        new() { Score = score, VqaPlus = vqaPlus, RawScore = rawScore, Source = source, RawSource = rawSource };

    /// <summary>Builds a <see cref="Models.QualityEstimate"/> (the 1.0 overload, kept for binary compatibility; calls with
    /// named or positional arguments now bind to the overload with <c>source</c>).</summary>
    /// <param name="score">The score.</param>
    /// <param name="vqaPlus">The vqaPlus findings.</param>
    /// <param name="rawScore">The score's text.</param>
    /// <returns>The result.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static QualityEstimate QualityEstimate(double? score, VqaPlusResult? vqaPlus, string? rawScore) =>
        new() { Score = score, VqaPlus = vqaPlus, RawScore = rawScore };

    /// <summary>Builds a <see cref="Models.VqaPlusResult"/>.</summary>
    /// <param name="noAudio">Whether the input has no audio.</param>
    /// <param name="noVideo">Whether the input has no video.</param>
    /// <param name="detailedResults">The findings.</param>
    /// <param name="rawNoAudio">The text of <c>NoAudio</c>.</param>
    /// <param name="rawNoVideo">The text of <c>NoVideo</c>.</param>
    /// <returns>The findings.</returns>
    public static VqaPlusResult VqaPlusResult(
        bool? noAudio = null, bool? noVideo = null, IEnumerable<DetailedResult>? detailedResults = null, string? rawNoAudio = null, string? rawNoVideo = null) =>
        new()
        {
            NoAudio = noAudio,
            NoVideo = noVideo,
            DetailedResults = List(detailedResults),
            RawNoAudio = rawNoAudio,
            RawNoVideo = rawNoVideo,
        };

    /// <summary>Builds a <see cref="Models.DetailedResult"/> (one kind of problem).</summary>
    /// <param name="type">The kind of problem.</param>
    /// <param name="items">Its occurrences.</param>
    /// <param name="rawType">The type's text.</param>
    /// <returns>The finding.</returns>
    public static DetailedResult DetailedResult(QualityIssueType type = default, IEnumerable<DetailedResultItem>? items = null, string? rawType = null) =>
        new() { Type = type, Items = List(items), RawType = rawType };

    /// <summary>Builds a <see cref="Models.DetailedResultItem"/> (one occurrence of a problem).</summary>
    /// <param name="confidence">The confidence, 0 to 100.</param>
    /// <param name="startTimeOffset">Start, in seconds.</param>
    /// <param name="endTimeOffset">End, in seconds.</param>
    /// <param name="areaCoordSet">The area: top-left x, y, bottom-right x, y.</param>
    /// <param name="rawConfidence">The confidence's text.</param>
    /// <param name="rawStartTimeOffset">The start's text.</param>
    /// <param name="rawEndTimeOffset">The end's text.</param>
    /// <param name="rawAreaCoordSet">The area's texts.</param>
    /// <returns>The occurrence.</returns>
    public static DetailedResultItem DetailedResultItem(
        int? confidence = null,
        double? startTimeOffset = null,
        double? endTimeOffset = null,
        IEnumerable<int>? areaCoordSet = null,
        string? rawConfidence = null,
        string? rawStartTimeOffset = null,
        string? rawEndTimeOffset = null,
        IEnumerable<string>? rawAreaCoordSet = null) =>
        new()
        {
            Confidence = confidence,
            StartTimeOffset = startTimeOffset,
            EndTimeOffset = endTimeOffset,
            AreaCoordSet = List(areaCoordSet),
            RawConfidence = rawConfidence,
            RawStartTimeOffset = rawStartTimeOffset,
            RawEndTimeOffset = rawEndTimeOffset,
            RawAreaCoordSet = List(rawAreaCoordSet),
        };

    /// <summary>Builds a <see cref="Models.MediaInfo"/>.</summary>
    /// <param name="format">The container.</param>
    /// <param name="videoStreams">The video streams.</param>
    /// <param name="audioStreams">The audio streams.</param>
    /// <param name="subtitleStreams">The subtitle streams.</param>
    /// <param name="additionalElements">Unmapped elements.</param>
    /// <returns>The media information.</returns>
    public static MediaInfo MediaInfo(
        MediaFormat? format = null,
        IEnumerable<VideoStreamInfo>? videoStreams = null,
        IEnumerable<AudioStreamInfo>? audioStreams = null,
        IEnumerable<SubtitleStreamInfo>? subtitleStreams = null,
        IEnumerable<XElement>? additionalElements = null) =>
        new()
        {
            Format = format,
            VideoStreams = List(videoStreams),
            AudioStreams = List(audioStreams),
            SubtitleStreams = List(subtitleStreams),
            AdditionalElements = List(additionalElements),
        };

    /// <summary>Builds a <see cref="Models.MediaFormat"/>.</summary>
    /// <param name="formatName">The container's short names.</param>
    /// <param name="duration">The duration.</param>
    /// <param name="bitrate">The bit rate in kbit/s.</param>
    /// <param name="size">The size in bytes.</param>
    /// <param name="numStream">The number of streams.</param>
    /// <param name="numProgram">The number of programs.</param>
    /// <param name="formatLongName">The container's descriptive name.</param>
    /// <param name="startTime">The start time.</param>
    /// <param name="rawValues">The elements' texts by name.</param>
    /// <param name="additionalElements">Unmapped elements.</param>
    /// <returns>The container.</returns>
    public static MediaFormat MediaFormat(
        string? formatName = null,
        TimeSpan? duration = null,
        double? bitrate = null,
        long? size = null,
        int? numStream = null,
        int? numProgram = null,
        string? formatLongName = null,
        TimeSpan? startTime = null,
        IReadOnlyDictionary<string, string>? rawValues = null,
        IEnumerable<XElement>? additionalElements = null) =>
        new()
        {
            FormatName = formatName,
            Duration = duration,
            Bitrate = bitrate,
            Size = size,
            NumStream = numStream,
            NumProgram = numProgram,
            FormatLongName = formatLongName,
            StartTime = startTime,
            RawValues = Raw(rawValues),
            AdditionalElements = List(additionalElements),
        };

    /// <summary>Builds a <see cref="Models.VideoStreamInfo"/>; the most used values come first.</summary>
    /// <param name="index">The stream index.</param>
    /// <param name="codecName">The codec, for example <c>h264</c>.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="duration">The duration.</param>
    /// <param name="bitrate">The bit rate in kbit/s.</param>
    /// <param name="fps">The frame rate.</param>
    /// <param name="avgFps">The average frame rate.</param>
    /// <param name="numFrames">The number of frames.</param>
    /// <param name="rotation">The rotation in degrees.</param>
    /// <param name="codecLongName">The codec's descriptive name.</param>
    /// <param name="codecTimeBase">The codec time base.</param>
    /// <param name="codecTagString">The codec tag text.</param>
    /// <param name="codecTag">The codec tag.</param>
    /// <param name="profile">The profile.</param>
    /// <param name="hasBFrame">The number of B-frames.</param>
    /// <param name="refFrames">The number of reference frames.</param>
    /// <param name="sar">The sample aspect ratio.</param>
    /// <param name="dar">The display aspect ratio.</param>
    /// <param name="pixFormat">The pixel format.</param>
    /// <param name="fieldOrder">The field order.</param>
    /// <param name="level">The codec level.</param>
    /// <param name="timebase">The stream time base.</param>
    /// <param name="startTime">The start time.</param>
    /// <param name="language">The language.</param>
    /// <param name="rawValues">The elements' texts by name.</param>
    /// <param name="additionalElements">Unmapped elements.</param>
    /// <returns>The video stream.</returns>
    public static VideoStreamInfo VideoStreamInfo(
        int? index = null,
        string? codecName = null,
        int? width = null,
        int? height = null,
        TimeSpan? duration = null,
        double? bitrate = null,
        double? fps = null,
        double? avgFps = null,
        long? numFrames = null,
        double? rotation = null,
        string? codecLongName = null,
        string? codecTimeBase = null,
        string? codecTagString = null,
        string? codecTag = null,
        string? profile = null,
        int? hasBFrame = null,
        int? refFrames = null,
        string? sar = null,
        string? dar = null,
        string? pixFormat = null,
        string? fieldOrder = null,
        int? level = null,
        string? timebase = null,
        TimeSpan? startTime = null,
        string? language = null,
        IReadOnlyDictionary<string, string>? rawValues = null,
        IEnumerable<XElement>? additionalElements = null) =>
        new()
        {
            Index = index,
            CodecName = codecName,
            Width = width,
            Height = height,
            Duration = duration,
            Bitrate = bitrate,
            Fps = fps,
            AvgFps = avgFps,
            NumFrames = numFrames,
            Rotation = rotation,
            CodecLongName = codecLongName,
            CodecTimeBase = codecTimeBase,
            CodecTagString = codecTagString,
            CodecTag = codecTag,
            Profile = profile,
            HasBFrame = hasBFrame,
            RefFrames = refFrames,
            Sar = sar,
            Dar = dar,
            PixFormat = pixFormat,
            FieldOrder = fieldOrder,
            Level = level,
            Timebase = timebase,
            StartTime = startTime,
            Language = language,
            RawValues = Raw(rawValues),
            AdditionalElements = List(additionalElements),
        };

    /// <summary>Builds an <see cref="Models.AudioStreamInfo"/>; the most used values come first.</summary>
    /// <param name="index">The stream index.</param>
    /// <param name="codecName">The codec, for example <c>aac</c>.</param>
    /// <param name="sampleRate">The sample rate in Hz.</param>
    /// <param name="channel">The number of channels.</param>
    /// <param name="duration">The duration.</param>
    /// <param name="bitrate">The bit rate in kbit/s.</param>
    /// <param name="channelLayout">The channel layout.</param>
    /// <param name="sampleFmt">The sample format.</param>
    /// <param name="codecLongName">The codec's descriptive name.</param>
    /// <param name="codecTimeBase">The codec time base.</param>
    /// <param name="codecTagString">The codec tag text.</param>
    /// <param name="codecTag">The codec tag.</param>
    /// <param name="timebase">The stream time base.</param>
    /// <param name="startTime">The start time.</param>
    /// <param name="language">The language.</param>
    /// <param name="rawValues">The elements' texts by name.</param>
    /// <param name="additionalElements">Unmapped elements.</param>
    /// <returns>The audio stream.</returns>
    public static AudioStreamInfo AudioStreamInfo(
        int? index = null,
        string? codecName = null,
        int? sampleRate = null,
        int? channel = null,
        TimeSpan? duration = null,
        double? bitrate = null,
        string? channelLayout = null,
        string? sampleFmt = null,
        string? codecLongName = null,
        string? codecTimeBase = null,
        string? codecTagString = null,
        string? codecTag = null,
        string? timebase = null,
        TimeSpan? startTime = null,
        string? language = null,
        IReadOnlyDictionary<string, string>? rawValues = null,
        IEnumerable<XElement>? additionalElements = null) =>
        new()
        {
            Index = index,
            CodecName = codecName,
            SampleRate = sampleRate,
            Channel = channel,
            Duration = duration,
            Bitrate = bitrate,
            ChannelLayout = channelLayout,
            SampleFmt = sampleFmt,
            CodecLongName = codecLongName,
            CodecTimeBase = codecTimeBase,
            CodecTagString = codecTagString,
            CodecTag = codecTag,
            Timebase = timebase,
            StartTime = startTime,
            Language = language,
            RawValues = Raw(rawValues),
            AdditionalElements = List(additionalElements),
        };

    /// <summary>Builds a <see cref="Models.SubtitleStreamInfo"/>.</summary>
    /// <param name="index">The stream index.</param>
    /// <param name="language">The language.</param>
    /// <param name="rawValues">The elements' texts by name.</param>
    /// <param name="additionalElements">Unmapped elements.</param>
    /// <returns>The subtitle stream.</returns>
    public static SubtitleStreamInfo SubtitleStreamInfo(
        int? index = null, string? language = null, IReadOnlyDictionary<string, string>? rawValues = null, IEnumerable<XElement>? additionalElements = null) =>
        new() { Index = index, Language = language, RawValues = Raw(rawValues), AdditionalElements = List(additionalElements) };

    /// <summary>Builds a <see cref="Models.JobCallback"/> as <see cref="Models.JobCallback.Parse(string, string?)"/> would return it.</summary>
    /// <param name="eventName">The event, for example <c>TaskFinish</c>.</param>
    /// <param name="jobs">The jobs the callback reports.</param>
    /// <param name="format">The format the body was read as.</param>
    /// <returns>The callback.</returns>
    public static JobCallback JobCallback(string eventName = "TaskFinish", IEnumerable<JobDetail>? jobs = null, CallbackFormat format = CallbackFormat.Xml) =>
        new(eventName ?? string.Empty, List(jobs), format);

    /// <summary>Builds a <see cref="Jobs.JobsPage"/>.</summary>
    /// <param name="jobs">The jobs on the page.</param>
    /// <param name="continuationToken">The next page's token; <c>null</c> on the last page.</param>
    /// <param name="requestId">The request id.</param>
    /// <returns>The page.</returns>
    public static JobsPage JobsPage(IEnumerable<JobDetail>? jobs = null, string? continuationToken = null, string? requestId = null) =>
        new(List(jobs), continuationToken, requestId);

    /// <summary>Builds a <see cref="Jobs.JobsLookupResult"/>.</summary>
    /// <param name="jobs">The jobs found.</param>
    /// <param name="nonExistentJobIds">The ids the service does not know.</param>
    /// <param name="requestIds">The request ids, one per request.</param>
    /// <returns>The lookup result.</returns>
    public static JobsLookupResult JobsLookupResult(IEnumerable<JobDetail>? jobs = null, IEnumerable<string>? nonExistentJobIds = null, IEnumerable<string>? requestIds = null) =>
        new(List(jobs), List(nonExistentJobIds), List(requestIds));

    /// <summary>
    /// Builds a <see cref="Jobs.QualityEstimateOperation"/> for <paramref name="job"/> without a client: <c>Id</c>,
    /// <c>LastKnownJob</c>, <c>HasCompleted</c>, <c>HasValue</c> and <c>Value</c> answer from the job, and
    /// <c>WaitForCompletionAsync</c> returns at once when the job has completed. Calls that need the service
    /// (<c>UpdateStatusAsync</c>, <c>CancelAsync</c>, waiting on an unfinished job) throw <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="job">The job, normally completed (for example built with <see cref="JobDetail"/>).</param>
    /// <returns>The operation.</returns>
    public static QualityEstimateOperation QualityEstimateOperation(JobDetail job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new QualityEstimateOperation(job);
    }

    /// <summary>Builds a <see cref="Jobs.QualityEstimateOutcome"/> for a succeeded job.</summary>
    /// <param name="job">The succeeded job.</param>
    /// <returns>The outcome.</returns>
    public static QualityEstimateOutcome QualityEstimateOutcome(JobDetail job) => new(job);

    private static T[] List<T>(IEnumerable<T>? items) => items is null ? Array.Empty<T>() : items.ToArray();

    private static IReadOnlyDictionary<string, string> Raw(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0
            ? MediaInfoDefaults.NoRawValues
            : new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase));
}
