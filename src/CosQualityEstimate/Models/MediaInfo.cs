using System.Xml.Linq;

namespace CosQualityEstimate.Models;

/// <summary>
/// <c>Operation/MediaInfo</c>: what CI read from the input file (container format and streams), absent until the job
/// completes. Shape as CI returns it (and as the official SDKs model it): <c>Format</c> and <c>Stream</c> with
/// repeated <c>Video</c>, <c>Audio</c> and <c>Subtitle</c> elements.
/// </summary>
/// <remarks>
/// Typed values are <c>null</c> when the service sent nothing or text that does not parse; each section's
/// <c>RawValues</c> keeps the text of every child element exactly as sent, and <c>AdditionalElements</c> keeps the
/// elements this library does not map, so nothing a newer service sends is lost.
/// </remarks>
public sealed class MediaInfo
{
    /// <summary><c>Format</c>: the container; <c>null</c> when absent.</summary>
    public MediaFormat? Format { get; init; }

    /// <summary><c>Stream/Video</c>: the video streams, in the service's order; empty when none.</summary>
    public IReadOnlyList<VideoStreamInfo> VideoStreams { get; init; } = Array.Empty<VideoStreamInfo>();

    /// <summary><c>Stream/Audio</c>: the audio streams, in the service's order; empty when none.</summary>
    public IReadOnlyList<AudioStreamInfo> AudioStreams { get; init; } = Array.Empty<AudioStreamInfo>();

    /// <summary><c>Stream/Subtitle</c>: the subtitle streams, in the service's order; empty when none.</summary>
    public IReadOnlyList<SubtitleStreamInfo> SubtitleStreams { get; init; } = Array.Empty<SubtitleStreamInfo>();

    /// <summary>
    /// Elements under <c>MediaInfo</c> or <c>MediaInfo/Stream</c> that this library does not map (copies, in document
    /// order); empty when there are none.
    /// </summary>
    public IReadOnlyList<XElement> AdditionalElements { get; init; } = Array.Empty<XElement>();
}
