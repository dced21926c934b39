using System.Text.RegularExpressions;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>Turns ffmpeg's log into a short reason: the last few non-empty lines, the input URL replaced by "input" and
/// the context pointers ffmpeg prints ("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55f4…]") removed, so a reason is the same on every run.</summary>
internal static partial class FfmpegReason
{
    public static string FromLog(string log, string inputUrl) => FromLines(log.Split('\n'), inputUrl);

    public static string FromLines(IEnumerable<string> lines, string inputUrl)
    {
        var kept = lines
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => PointerPattern().Replace(l.Replace(inputUrl, "input", StringComparison.Ordinal), string.Empty))
            .TakeLast(3)
            .ToArray();
        return kept.Length == 0 ? "ffmpeg gave no reason" : string.Join(" | ", kept);
    }

    [GeneratedRegex(" @ 0x[0-9a-fA-F]+", RegexOptions.CultureInvariant)]
    private static partial Regex PointerPattern();
}
