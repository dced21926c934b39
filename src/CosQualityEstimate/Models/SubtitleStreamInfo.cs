using System.Xml.Linq;

namespace CosQualityEstimate.Models;

/// <summary><c>MediaInfo/Stream/Subtitle</c>: one subtitle stream of the input.</summary>
public sealed class SubtitleStreamInfo
{
    /// <summary><c>Index</c>: the stream's index in the file.</summary>
    public int? Index { get; init; }

    /// <summary><c>Language</c>: for example <c>eng</c>.</summary>
    public string? Language { get; init; }

    /// <summary>Every child element's text exactly as sent, by element name (first occurrence), known or not.</summary>
    public IReadOnlyDictionary<string, string> RawValues { get; init; } = MediaInfoDefaults.NoRawValues;

    /// <summary>Child elements this library does not map (copies); empty when there are none.</summary>
    public IReadOnlyList<XElement> AdditionalElements { get; init; } = Array.Empty<XElement>();
}
