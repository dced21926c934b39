using System.Collections.ObjectModel;
using System.Xml.Linq;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Maps the <c>MediaInfo</c> element (read by <see cref="JobsResponseReader"/> from XML, or built by
/// <see cref="JsonMediaInfo"/> from a JSON callback, so both formats share one mapping) to the typed
/// <see cref="MediaInfo"/>. Element names match case-insensitively (JSON bodies vary in case); the first occurrence
/// of a single-valued element wins; text that does not parse leaves the typed value <c>null</c> and stays in
/// <c>RawValues</c>; unmapped elements are copied to <c>AdditionalElements</c>. Never throws on content.
/// </summary>
internal static class MediaInfoConverter
{
    private static readonly HashSet<string> FormatNames = Names(
        "NumStream", "NumProgram", "FormatName", "FormatLongName", "StartTime", "Duration", "Bitrate", "Size");

    private static readonly HashSet<string> VideoNames = Names(
        "Index", "CodecName", "CodecLongName", "CodecTimeBase", "CodecTagString", "CodecTag", "Profile", "Height", "Width",
        "HasBFrame", "RefFrames", "Sar", "Dar", "PixFormat", "FieldOrder", "Level", "Fps", "AvgFps", "Timebase", "StartTime",
        "Duration", "Bitrate", "NumFrames", "Language", "Rotation");

    private static readonly HashSet<string> AudioNames = Names(
        "Index", "CodecName", "CodecLongName", "CodecTimeBase", "CodecTagString", "CodecTag", "SampleFmt", "SampleRate",
        "Channel", "ChannelLayout", "Timebase", "StartTime", "Duration", "Bitrate", "Language");

    private static readonly HashSet<string> SubtitleNames = Names("Index", "Language");

    internal static MediaInfo? ToPublic(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        MediaFormat? format = null;
        var video = new List<VideoStreamInfo>();
        var audio = new List<AudioStreamInfo>();
        var subtitles = new List<SubtitleStreamInfo>();
        var additional = new List<XElement>();
        var sawStream = false;
        foreach (var child in element.Elements())
        {
            if (Is(child, "Format") && format is null)
            {
                format = ToFormat(child);
            }
            else if (Is(child, "Stream") && !sawStream)
            {
                sawStream = true;
                foreach (var stream in child.Elements())
                {
                    if (Is(stream, "Video"))
                    {
                        video.Add(ToVideo(stream));
                    }
                    else if (Is(stream, "Audio"))
                    {
                        audio.Add(ToAudio(stream));
                    }
                    else if (Is(stream, "Subtitle"))
                    {
                        subtitles.Add(ToSubtitle(stream));
                    }
                    else
                    {
                        additional.Add(new XElement(stream));
                    }
                }
            }
            else
            {
                additional.Add(new XElement(child));
            }
        }

        return new MediaInfo
        {
            Format = format,
            VideoStreams = video.Count == 0 ? Array.Empty<VideoStreamInfo>() : video.ToArray(),
            AudioStreams = audio.Count == 0 ? Array.Empty<AudioStreamInfo>() : audio.ToArray(),
            SubtitleStreams = subtitles.Count == 0 ? Array.Empty<SubtitleStreamInfo>() : subtitles.ToArray(),
            AdditionalElements = additional.Count == 0 ? Array.Empty<XElement>() : additional.ToArray(),
        };
    }

    private static MediaFormat ToFormat(XElement element)
    {
        var raw = RawValues(element, FormatNames, out var additional);
        return new MediaFormat
        {
            NumStream = ServiceValue.ParseInt(Get(raw, "NumStream")),
            NumProgram = ServiceValue.ParseInt(Get(raw, "NumProgram")),
            FormatName = Get(raw, "FormatName"),
            FormatLongName = Get(raw, "FormatLongName"),
            StartTime = ServiceValue.ParseSeconds(Get(raw, "StartTime")),
            Duration = ServiceValue.ParseSeconds(Get(raw, "Duration")),
            Bitrate = ServiceValue.ParseDouble(Get(raw, "Bitrate")),
            Size = ServiceValue.ParseLong(Get(raw, "Size")),
            RawValues = raw,
            AdditionalElements = additional,
        };
    }

    private static VideoStreamInfo ToVideo(XElement element)
    {
        var raw = RawValues(element, VideoNames, out var additional);
        return new VideoStreamInfo
        {
            Index = ServiceValue.ParseInt(Get(raw, "Index")),
            CodecName = Get(raw, "CodecName"),
            CodecLongName = Get(raw, "CodecLongName"),
            CodecTimeBase = Get(raw, "CodecTimeBase"),
            CodecTagString = Get(raw, "CodecTagString"),
            CodecTag = Get(raw, "CodecTag"),
            Profile = Get(raw, "Profile"),
            Height = ServiceValue.ParseInt(Get(raw, "Height")),
            Width = ServiceValue.ParseInt(Get(raw, "Width")),
            HasBFrame = ServiceValue.ParseInt(Get(raw, "HasBFrame")),
            RefFrames = ServiceValue.ParseInt(Get(raw, "RefFrames")),
            Sar = Get(raw, "Sar"),
            Dar = Get(raw, "Dar"),
            PixFormat = Get(raw, "PixFormat"),
            FieldOrder = Get(raw, "FieldOrder"),
            Level = ServiceValue.ParseInt(Get(raw, "Level")),
            Fps = ServiceValue.ParseDouble(Get(raw, "Fps")),
            AvgFps = ServiceValue.ParseDouble(Get(raw, "AvgFps")),
            Timebase = Get(raw, "Timebase"),
            StartTime = ServiceValue.ParseSeconds(Get(raw, "StartTime")),
            Duration = ServiceValue.ParseSeconds(Get(raw, "Duration")),
            Bitrate = ServiceValue.ParseDouble(Get(raw, "Bitrate")),
            NumFrames = ServiceValue.ParseLong(Get(raw, "NumFrames")),
            Language = Get(raw, "Language"),
            Rotation = ServiceValue.ParseDouble(Get(raw, "Rotation")),
            RawValues = raw,
            AdditionalElements = additional,
        };
    }

    private static AudioStreamInfo ToAudio(XElement element)
    {
        var raw = RawValues(element, AudioNames, out var additional);
        return new AudioStreamInfo
        {
            Index = ServiceValue.ParseInt(Get(raw, "Index")),
            CodecName = Get(raw, "CodecName"),
            CodecLongName = Get(raw, "CodecLongName"),
            CodecTimeBase = Get(raw, "CodecTimeBase"),
            CodecTagString = Get(raw, "CodecTagString"),
            CodecTag = Get(raw, "CodecTag"),
            SampleFmt = Get(raw, "SampleFmt"),
            SampleRate = ServiceValue.ParseInt(Get(raw, "SampleRate")),
            Channel = ServiceValue.ParseInt(Get(raw, "Channel")),
            ChannelLayout = Get(raw, "ChannelLayout"),
            Timebase = Get(raw, "Timebase"),
            StartTime = ServiceValue.ParseSeconds(Get(raw, "StartTime")),
            Duration = ServiceValue.ParseSeconds(Get(raw, "Duration")),
            Bitrate = ServiceValue.ParseDouble(Get(raw, "Bitrate")),
            Language = Get(raw, "Language"),
            RawValues = raw,
            AdditionalElements = additional,
        };
    }

    private static SubtitleStreamInfo ToSubtitle(XElement element)
    {
        var raw = RawValues(element, SubtitleNames, out var additional);
        return new SubtitleStreamInfo
        {
            Index = ServiceValue.ParseInt(Get(raw, "Index")),
            Language = Get(raw, "Language"),
            RawValues = raw,
            AdditionalElements = additional,
        };
    }

    /// <summary>The text of every leaf child (first occurrence per name); unmapped children go to <paramref name="additional"/>.</summary>
    private static IReadOnlyDictionary<string, string> RawValues(XElement element, HashSet<string> known, out IReadOnlyList<XElement> additional)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<XElement>? extra = null;
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            var isLeaf = !child.HasElements;
            if (isLeaf)
            {
                values.TryAdd(name, child.Value);
            }

            if (!known.Contains(name) || !isLeaf)
            {
                (extra ??= new List<XElement>()).Add(new XElement(child));
            }
        }

        additional = extra is null ? Array.Empty<XElement>() : extra.ToArray();
        return new ReadOnlyDictionary<string, string>(values);
    }

    /// <summary>The text of a known element; empty text counts as absent for string members.</summary>
    private static string? Get(IReadOnlyDictionary<string, string> raw, string name) =>
        raw.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static bool Is(XElement element, string name) =>
        string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> Names(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);
}
