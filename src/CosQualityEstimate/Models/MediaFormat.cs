using System.Xml.Linq;

namespace CosQualityEstimate.Models;

/// <summary><c>MediaInfo/Format</c>: the input's container, as CI (ffprobe) reports it.</summary>
public sealed class MediaFormat
{
    /// <summary><c>NumStream</c>: the number of streams.</summary>
    public int? NumStream { get; init; }

    /// <summary><c>NumProgram</c>: the number of programs.</summary>
    public int? NumProgram { get; init; }

    /// <summary><c>FormatName</c>: the container's short names, for example <c>mov,mp4,m4a,3gp,3g2,mj2</c>.</summary>
    public string? FormatName { get; init; }

    /// <summary><c>FormatLongName</c>: the container's descriptive name, for example <c>QuickTime / MOV</c>.</summary>
    public string? FormatLongName { get; init; }

    /// <summary><c>StartTime</c>: the start time (the service sends seconds).</summary>
    public TimeSpan? StartTime { get; init; }

    /// <summary><c>Duration</c>: the duration (the service sends seconds, for example <c>12.480000</c>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>Bitrate</c>: the overall bit rate in kbit/s, as the service sends it.</summary>
    public double? Bitrate { get; init; }

    /// <summary><c>Size</c>: the file size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>Every child element's text exactly as sent, by element name (first occurrence), known or not.</summary>
    public IReadOnlyDictionary<string, string> RawValues { get; init; } = MediaInfoDefaults.NoRawValues;

    /// <summary>Child elements this library does not map (copies); empty when there are none.</summary>
    public IReadOnlyList<XElement> AdditionalElements { get; init; } = Array.Empty<XElement>();
}
