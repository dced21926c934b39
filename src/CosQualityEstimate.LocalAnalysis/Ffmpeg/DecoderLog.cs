using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Detection;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Reads ffmpeg's log (stderr) line by line while it runs. Decoder lines carry no timestamp, so each one gets the time
/// of the last frame the graph printed before it (<c>metadata=print:key=...</c> on the log). Only lines of the
/// <em>video</em> decoder count (its context is named after the decoder, <c>[h264 @ 0x…]</c>): the audio decoder's,
/// the demuxer's and the filters' lines never mark a picture. Whether a video decoder message is a corrupted picture
/// (CrashScreen) is the detector's decision, from the picture. ffmpeg runs with <c>-loglevel level+info</c>, so each
/// line carries its level after the context (<c>[h264 @ 0x…] [error] …</c>): only the decoder's <c>warning</c>,
/// <c>error</c>, <c>fatal</c> and <c>panic</c> lines count; its <c>info</c> lines (every AV1 file prints
/// <c>[libdav1d @ 0x…] [info] libdav1d 1.0.0</c>) and <c>verbose</c>/<c>debug</c> lines never do, except the info line
/// in which the decoder says it concealed damage in a frame (<c>concealing … errors</c>). A line with no level
/// tag (an ffmpeg run without <c>level</c>) is counted, as it cannot be told apart. Keeps the last lines (level tags
/// removed) for an error message, the first few video decoder messages for a note, one (time, QP) pair per frame of the
/// slice quantizers the graph's <c>trace_headers</c> output prints (<see cref="QuantizerLog"/>: about 30 lines a frame for
/// H.264, 2.5 MB for 30 s of 720p, ~100 MB for 2 hours; they are read one at a time and never kept, and are neither
/// messages nor kept lines), and nothing else.
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

    /// <summary>ffmpeg's log levels (<c>-loglevel level</c> tags) at which a decoder line is a message about the picture.</summary>
    private static readonly string[] CountedLevels = ["[warning] ", "[error] ", "[fatal] ", "[panic] "];

    /// <summary>Every level tag ffmpeg prints with <c>-loglevel level</c>.</summary>
    private static readonly string[] AllLevels = [.. CountedLevels, "[info] ", "[verbose] ", "[debug] ", "[trace] "];

    private readonly string[] _decoderPrefixes;
    private readonly SortedSet<double> _errorTimes = [];
    private readonly List<DecoderMessage> _messages = [];
    private readonly Queue<string> _lastLines = new();
    private readonly QuantizerLog _quantizers;
    private double _currentTime;

    /// <param name="videoCodec">The video stream's codec (ffprobe's codec_name); its decoder's lines look like
    /// <c>[h264 @ 0x…] …</c>.</param>
    /// <param name="timeBase">Seconds per tick of the video stream's timestamps (the slice quantizers' frame times); 0
    /// when unknown.</param>
    public DecoderLog(string? videoCodec, double timeBase = 0)
    {
        _quantizers = new QuantizerLog(timeBase);
        _decoderPrefixes = string.IsNullOrEmpty(videoCodec)
            ? []
            : (DecoderNames.TryGetValue(videoCodec, out var names) ? names : [videoCodec]).Select(n => "[" + n + " @ ").ToArray();
    }

    /// <summary>Distinct frame times (seconds) at which the video decoder printed a message, ascending.</summary>
    public IReadOnlyCollection<double> ErrorTimes => _errorTimes;

    /// <summary>The first <see cref="KeptMessages"/> video decoder messages, with their times, pointer addresses removed.</summary>
    public IReadOnlyList<DecoderMessage> Messages => _messages;

    /// <summary>The slice-header QP of every frame (H.264/HEVC, <see cref="QuantizerLog"/>); complete after <see cref="Complete"/>.</summary>
    public IReadOnlyList<(double Time, double Qp)> Quantizers => _quantizers.Samples;

    /// <summary>The last lines of the log that are not per-frame metadata.</summary>
    public IReadOnlyCollection<string> LastLines => _lastLines;

    public void Add(string rawLine)
    {
        var (line, level) = RemoveLevel(rawLine);
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

        if (line.StartsWith(QuantizerLog.Prefix, StringComparison.Ordinal))
        {
            _quantizers.Add(line, level); // the bitstream filter's slice headers: the quantizer, never a decoder message
            return;
        }

        foreach (var prefix in _decoderPrefixes)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal) && Counts(line, prefix, level))
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

    /// <summary>Ends the log (the last frame's quantizer is counted).</summary>
    public void Complete() => _quantizers.Complete();

    /// <summary>A decoder line counts at warning level or above, or with no level tag; at info only the decoder's own
    /// damage report (<c>concealing 169 DC, 169 AC, 169 MV errors in P frame</c>, which h264/hevc print at info right
    /// after the error that caused it: the picture of that frame was patched).</summary>
    private static bool Counts(string line, string prefix, string? level) =>
        level is null
        || CountedLevels.Contains(level)
        || (level == "[info] " && line.IndexOf("] concealing ", prefix.Length - 1, StringComparison.Ordinal) >= 0);

    /// <summary>Removes the level tag ffmpeg puts after the context (<c>[ctx @ 0x…] [level] text</c>) or at the start of
    /// a line without context (<c>[level] text</c>); returns the line without it and the tag (<c>null</c> when none).</summary>
    internal static (string Line, string? Level) RemoveLevel(string line)
    {
        var at = 0;
        if (line.StartsWith('[') && !AllLevels.Any(l => line.StartsWith(l, StringComparison.Ordinal)))
        {
            var close = line.IndexOf("] ", StringComparison.Ordinal);
            if (close < 0)
            {
                return (line, null);
            }

            at = close + 2;
        }

        foreach (var level in AllLevels)
        {
            if (string.CompareOrdinal(line, at, level, 0, level.Length) == 0)
            {
                return (line[..at] + line[(at + level.Length)..], level);
            }
        }

        return (line, null);
    }

    public override string ToString() => string.Join(", ", _errorTimes.Select(t => t.ToString(CultureInfo.InvariantCulture)));
}
