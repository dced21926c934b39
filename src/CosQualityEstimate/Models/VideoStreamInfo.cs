using System.Xml.Linq;

namespace CosQualityEstimate.Models;

/// <summary><c>MediaInfo/Stream/Video</c>: one video stream of the input, as CI (ffprobe) reports it.</summary>
public sealed class VideoStreamInfo
{
    /// <summary><c>Index</c>: the stream's index in the file.</summary>
    public int? Index { get; init; }

    /// <summary><c>CodecName</c>: for example <c>h264</c>.</summary>
    public string? CodecName { get; init; }

    /// <summary><c>CodecLongName</c>: for example <c>H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10</c>.</summary>
    public string? CodecLongName { get; init; }

    /// <summary><c>CodecTimeBase</c>: the codec time base as a fraction, for example <c>1/50</c>.</summary>
    public string? CodecTimeBase { get; init; }

    /// <summary><c>CodecTagString</c>: for example <c>avc1</c>.</summary>
    public string? CodecTagString { get; init; }

    /// <summary><c>CodecTag</c>: for example <c>0x31637661</c>.</summary>
    public string? CodecTag { get; init; }

    /// <summary><c>Profile</c>: for example <c>High</c>.</summary>
    public string? Profile { get; init; }

    /// <summary><c>Height</c> in pixels.</summary>
    public int? Height { get; init; }

    /// <summary><c>Width</c> in pixels.</summary>
    public int? Width { get; init; }

    /// <summary><c>HasBFrame</c>: the number of B-frames (0 when none).</summary>
    public int? HasBFrame { get; init; }

    /// <summary><c>RefFrames</c>: the number of reference frames.</summary>
    public int? RefFrames { get; init; }

    /// <summary><c>Sar</c>: the sample aspect ratio, for example <c>1:1</c>.</summary>
    public string? Sar { get; init; }

    /// <summary><c>Dar</c>: the display aspect ratio, for example <c>16:9</c>.</summary>
    public string? Dar { get; init; }

    /// <summary><c>PixFormat</c>: for example <c>yuv420p</c>.</summary>
    public string? PixFormat { get; init; }

    /// <summary><c>FieldOrder</c>: for example <c>progressive</c>.</summary>
    public string? FieldOrder { get; init; }

    /// <summary><c>Level</c>: the codec level, for example <c>40</c>.</summary>
    public int? Level { get; init; }

    /// <summary><c>Fps</c>: the frame rate in frames per second.</summary>
    public double? Fps { get; init; }

    /// <summary><c>AvgFps</c>: the average frame rate in frames per second.</summary>
    public double? AvgFps { get; init; }

    /// <summary><c>Timebase</c>: the stream time base as a fraction, for example <c>1/15360</c>.</summary>
    public string? Timebase { get; init; }

    /// <summary><c>StartTime</c>: the stream's start time (the service sends seconds).</summary>
    public TimeSpan? StartTime { get; init; }

    /// <summary><c>Duration</c>: the stream's duration (the service sends seconds).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>Bitrate</c>: the stream's bit rate in kbit/s, as the service sends it.</summary>
    public double? Bitrate { get; init; }

    /// <summary><c>NumFrames</c>: the number of frames.</summary>
    public long? NumFrames { get; init; }

    /// <summary><c>Language</c>: for example <c>und</c>.</summary>
    public string? Language { get; init; }

    /// <summary><c>Rotation</c>: the rotation in degrees, when the file declares one.</summary>
    public double? Rotation { get; init; }

    /// <summary>Every child element's text exactly as sent, by element name (first occurrence), known or not.</summary>
    public IReadOnlyDictionary<string, string> RawValues { get; init; } = MediaInfoDefaults.NoRawValues;

    /// <summary>Child elements this library does not map (copies); empty when there are none.</summary>
    public IReadOnlyList<XElement> AdditionalElements { get; init; } = Array.Empty<XElement>();
}
