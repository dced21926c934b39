namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>Turns ffmpeg's log into a short reason: the last few non-empty lines, the input URL replaced by "input".</summary>
internal static class FfmpegReason
{
    public static string FromLog(string log, string inputUrl) => FromLines(log.Split('\n'), inputUrl);

    public static string FromLines(IEnumerable<string> lines, string inputUrl)
    {
        var kept = lines
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Replace(inputUrl, "input", StringComparison.Ordinal))
            .TakeLast(3)
            .ToArray();
        return kept.Length == 0 ? "ffmpeg gave no reason" : string.Join(" | ", kept);
    }
}
