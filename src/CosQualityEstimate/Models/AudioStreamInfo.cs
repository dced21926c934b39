using System.Xml.Linq;

namespace CosQualityEstimate.Models;

/// <summary><c>MediaInfo/Stream/Audio</c>: one audio stream of the input, as CI (ffprobe) reports it.</summary>
public sealed class AudioStreamInfo
{
    /// <summary><c>Index</c>: the stream's index in the file.</summary>
    public int? Index { get; init; }

    /// <summary><c>CodecName</c>: for example <c>aac</c>.</summary>
    public string? CodecName { get; init; }

    /// <summary><c>CodecLongName</c>: for example <c>AAC (Advanced Audio Coding)</c>.</summary>
    public string? CodecLongName { get; init; }

    /// <summary><c>CodecTimeBase</c>: the codec time base as a fraction, for example <c>1/44100</c>.</summary>
    public string? CodecTimeBase { get; init; }

    /// <summary><c>CodecTagString</c>: for example <c>mp4a</c>.</summary>
    public string? CodecTagString { get; init; }

    /// <summary><c>CodecTag</c>: for example <c>0x6134706d</c>.</summary>
    public string? CodecTag { get; init; }

    /// <summary><c>SampleFmt</c>: the sample format, for example <c>fltp</c>.</summary>
    public string? SampleFmt { get; init; }

    /// <summary><c>SampleRate</c> in Hz, for example <c>44100</c>.</summary>
    public int? SampleRate { get; init; }

    /// <summary><c>Channel</c>: the number of channels.</summary>
    public int? Channel { get; init; }

    /// <summary><c>ChannelLayout</c>: for example <c>stereo</c>.</summary>
    public string? ChannelLayout { get; init; }

    /// <summary><c>Timebase</c>: the stream time base as a fraction, for example <c>1/44100</c>.</summary>
    public string? Timebase { get; init; }

    /// <summary><c>StartTime</c>: the stream's start time (the service sends seconds).</summary>
    public TimeSpan? StartTime { get; init; }

    /// <summary><c>Duration</c>: the stream's duration (the service sends seconds).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>Bitrate</c>: the stream's bit rate in kbit/s, as the service sends it.</summary>
    public double? Bitrate { get; init; }

    /// <summary><c>Language</c>: for example <c>und</c>.</summary>
    public string? Language { get; init; }

    /// <summary>Every child element's text exactly as sent, by element name (first occurrence), known or not.</summary>
    public IReadOnlyDictionary<string, string> RawValues { get; init; } = MediaInfoDefaults.NoRawValues;

    /// <summary>Child elements this library does not map (copies); empty when there are none.</summary>
    public IReadOnlyList<XElement> AdditionalElements { get; init; } = Array.Empty<XElement>();
}
