using System.Globalization;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>One frame of a <c>metadata=print</c> file: its time and its <c>key=value</c> lines.</summary>
internal sealed class MetadataFrame
{
    public double Time { get; set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The value as a number (invariant culture; <c>nan</c>, <c>inf</c>, <c>-inf</c> included); <c>NaN</c> when absent.</summary>
    public double Number(string key) =>
        Values.TryGetValue(key, out var text) ? MetadataFileReader.ParseNumber(text) : double.NaN;
}

/// <summary>
/// Streams a file written by ffmpeg's <c>metadata=print</c> / <c>ametadata=print</c>:
/// <c>frame:N pts:P pts_time:T</c> header lines, each followed by <c>key=value</c> lines. One frame at a time is in
/// memory (the same <see cref="MetadataFrame"/> instance is reused; copy what you keep).
/// </summary>
internal static class MetadataFileReader
{
    public static IEnumerable<MetadataFrame> Read(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var reader = new StreamReader(path);
        var frame = new MetadataFrame();
        var open = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("frame:", StringComparison.Ordinal))
            {
                if (open)
                {
                    yield return frame;
                }

                frame.Values.Clear();
                frame.Time = ParseHeaderTime(line);
                open = true;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (open && equals > 0)
            {
                frame.Values[line[..equals]] = line[(equals + 1)..].Trim();
            }
        }

        if (open)
        {
            yield return frame;
        }
    }

    /// <summary>Reads <c>pts_time:T</c> from a frame header line; <c>NaN</c> when it has none.</summary>
    internal static double ParseHeaderTime(string line)
    {
        var at = line.IndexOf("pts_time:", StringComparison.Ordinal);
        if (at < 0)
        {
            return double.NaN;
        }

        var start = at + "pts_time:".Length;
        var end = start;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }

        return ParseNumber(line[start..end]);
    }

    internal static double ParseNumber(string text) => text switch
    {
        "nan" or "-nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
    };
}
