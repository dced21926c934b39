using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Detection;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Reads ffmpeg's log (stderr) line by line while it runs. Decoder lines carry no timestamp, so each one gets the time
/// of the last frame the graph printed before it (<c>metadata=print:key=...</c> on the log). Only lines of the
/// <em>video</em> decoder count (its context is named after the decoder, <c>[h264 @ 0x…]</c>): the audio decoder's,
/// the demuxer's and the filters' lines never mark a picture. Whether a video decoder message is a corrupted picture
/// (CrashScreen) is the detector's decision, from the picture. Keeps the last lines for an error message, the first
/// few video decoder messages for a note, and nothing else.
/// </summary>
internal sealed class DecoderLog
{
    private const int KeptLines = 12;

    /// <summary>How many video decoder messages are kept verbatim (for notes); the times of all of them are kept.</summary>
    public const int KeptMessages = 16;

    /// <summary>Video codecs whose default ffmpeg decoder has another name than the codec (ffprobe's codec_name);
    /// from <c>ffmpeg -decoders</c> (ffmpeg 5.1: the first decoder listed for a codec is the default).</summary>
    private static readonly Dictionary<string, string[]> DecoderNames = new(StringComparer.Ordinal)
    {
        ["msmpeg4v3"] = ["msmpeg4"],
        ["av1"] = ["libdav1d", "libaom-av1", "av1"],
        ["vp8"] = ["vp8", "libvpx"],
        ["vp9"] = ["vp9", "libvpx-vp9"],
    };

    private readonly string[] _decoderPrefixes;
    private readonly SortedSet<double> _errorTimes = [];
    private readonly List<DecoderMessage> _messages = [];
    private readonly Queue<string> _lastLines = new();
    private double _currentTime;

    /// <param name="videoCodec">The video stream's codec (ffprobe's codec_name); its decoder's lines look like
    /// <c>[h264 @ 0x…] …</c>.</param>
    public DecoderLog(string? videoCodec)
    {
        _decoderPrefixes = string.IsNullOrEmpty(videoCodec)
            ? []
            : (DecoderNames.TryGetValue(videoCodec, out var names) ? names : [videoCodec]).Select(n => "[" + n + " @ ").ToArray();
    }

    /// <summary>Distinct frame times (seconds) at which the video decoder printed a message, ascending.</summary>
    public IReadOnlyCollection<double> ErrorTimes => _errorTimes;

    /// <summary>The first <see cref="KeptMessages"/> video decoder messages, with their times, pointer addresses removed.</summary>
    public IReadOnlyList<DecoderMessage> Messages => _messages;

    /// <summary>The last lines of the log that are not per-frame metadata.</summary>
    public IReadOnlyCollection<string> LastLines => _lastLines;

    public void Add(string line)
    {
        var frameAt = line.IndexOf("] frame:", StringComparison.Ordinal);
        if (frameAt >= 0 && line.StartsWith("[Parsed_metadata", StringComparison.Ordinal))
        {
            var time = MetadataFileReader.ParseHeaderTime(line);
            if (!double.IsNaN(time))
            {
                _currentTime = time;
            }

            return;
        }

        if (line.StartsWith("[Parsed_metadata", StringComparison.Ordinal))
        {
            return; // the key=value line that follows each header
        }

        foreach (var prefix in _decoderPrefixes)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                var time = Math.Round(_currentTime, 3);
                _errorTimes.Add(time);
                if (_messages.Count < KeptMessages)
                {
                    var close = line.IndexOf(']', prefix.Length);
                    var text = close >= 0 ? line[(close + 1)..].Trim() : line;
                    _messages.Add(new DecoderMessage(time, prefix[1..^3] + ": " + text));
                }

                break;
            }
        }

        if (line.Length > 0)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public override string ToString() => string.Join(", ", _errorTimes.Select(t => t.ToString(CultureInfo.InvariantCulture)));
}
