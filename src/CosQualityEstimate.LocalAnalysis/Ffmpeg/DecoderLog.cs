using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Reads ffmpeg's log (stderr) line by line while it runs. Decoder error lines carry no timestamp, so each one gets
/// the time of the last frame the graph printed before it (<c>metadata=print:key=...</c> on the log); the times with
/// errors mark corrupted pictures (CrashScreen). Keeps the last lines for an error message, nothing else.
/// </summary>
internal sealed class DecoderLog
{
    private const int KeptLines = 12;

    private readonly string? _decoderPrefix;
    private readonly SortedSet<double> _errorTimes = [];
    private readonly Queue<string> _lastLines = new();
    private double _currentTime;

    /// <param name="videoCodec">The video decoder's name (ffprobe's codec_name), whose lines look like <c>[h264 @ 0x…] …</c>.</param>
    public DecoderLog(string? videoCodec)
    {
        _decoderPrefix = string.IsNullOrEmpty(videoCodec) ? null : "[" + videoCodec + " @ ";
    }

    /// <summary>Distinct frame times (seconds) at which the video decoder reported an error, ascending.</summary>
    public IReadOnlyCollection<double> ErrorTimes => _errorTimes;

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

        if (_decoderPrefix is not null && line.StartsWith(_decoderPrefix, StringComparison.Ordinal))
        {
            _errorTimes.Add(Math.Round(_currentTime, 3));
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
