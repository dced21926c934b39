using System.Xml.Linq;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

// Builders for the media information: the container and its video, audio and subtitle streams.
public static partial class CosQualityEstimateModelFactory
{
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

    private static IReadOnlyDictionary<string, string> Raw(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0
            ? MediaInfoDefaults.NoRawValues
            : new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase));
}
