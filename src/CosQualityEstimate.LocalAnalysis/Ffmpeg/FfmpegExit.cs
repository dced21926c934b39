namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Turns a failed ffmpeg/ffprobe run into the failure taxonomy. Killed by a signal (a crash, exit code above 128 other
/// than 255, which ffmpeg uses for its own errors) is <see cref="LocalAnalysisFailure.AnalyzerFailure"/>; an input it
/// could not open for lack of permission or an I/O error is <see cref="MediaAccessException"/>.
/// <para>ffprobe (<see cref="ToException"/>) reads nothing but the input, so any other failure of it is its verdict on
/// the bytes, <see cref="MediaUnreadableException"/>. The analysis pass (<see cref="ToAnalysisException"/>) runs after
/// ffprobe has read the file, and it also builds a filter graph, allocates memory and writes temporary files: its
/// failure is the file's fault only when the log says the demuxer or the video decoder could not read the input;
/// anything else (a filter graph that could not be set up, no space left in the temporary directory, no memory) is an
/// <see cref="LocalAnalysisFailure.AnalyzerFailure"/>, retried on a rerun and never cached as "not a video".</para>
/// </summary>
internal static class FfmpegExit
{
    private static readonly string[] AccessMarkers = ["Permission denied", "Input/output error", "Operation not permitted"];

    /// <summary>Resource exhaustion on this machine (ENOSPC, ENOMEM): says nothing about the file.</summary>
    private static readonly string[] ResourceMarkers = ["No space left on device", "Cannot allocate memory", "Out of memory"];

    /// <summary>What ffmpeg prints when the demuxer or a decoder cannot read the input's bytes.</summary>
    private static readonly string[] InputMarkers =
    [
        "Invalid data found when processing input",
        "moov atom not found",
        "Error while decoding stream",
        "error while decoding",
        "Could not find codec parameters",
        "no decoder found",
        "Invalid NAL unit size",
        "corrupt input packet",
    ];

    /// <summary>For ffprobe: a failure it does not blame on access or a crash is a verdict on the bytes.</summary>
    public static LocalAnalysisException ToException(string tool, int exitCode, string reason, string displayName, string verdict)
    {
        if (Crashed(exitCode))
        {
            return Crash(tool, exitCode, reason, displayName);
        }

        if (Contains(reason, AccessMarkers))
        {
            return new MediaAccessException($"'{displayName}' could not be read: {reason}");
        }

        return new MediaUnreadableException($"'{displayName}' {verdict}: {reason}") { FfmpegReason = reason };
    }

    /// <summary>For the analysis pass, after a successful probe: <paramref name="log"/> is every kept line of its log
    /// (more than the short <paramref name="reason"/> shows).</summary>
    public static LocalAnalysisException ToAnalysisException(int exitCode, IEnumerable<string> log, string reason, string displayName)
    {
        var text = string.Join('\n', log);
        if (Crashed(exitCode))
        {
            return Crash("ffmpeg", exitCode, reason, displayName);
        }

        if (Contains(text, ResourceMarkers))
        {
            return new LocalAnalysisException($"'{displayName}' could not be analysed: ffmpeg ran out of resources: {reason}");
        }

        if (Contains(text, AccessMarkers))
        {
            return new MediaAccessException($"'{displayName}' could not be read: {reason}");
        }

        if (Contains(text, InputMarkers))
        {
            return new MediaUnreadableException($"'{displayName}' could not be decoded: {reason}") { FfmpegReason = reason };
        }

        return new LocalAnalysisException($"'{displayName}' could not be analysed: ffmpeg failed (exit code {exitCode}): {reason}");
    }

    private static bool Crashed(int exitCode) => exitCode < 0 || (exitCode > 128 && exitCode != 255);

    private static LocalAnalysisException Crash(string tool, int exitCode, string reason, string displayName) =>
        new($"'{displayName}' could not be analysed: {tool} crashed (exit code {exitCode}): {reason}");

    private static bool Contains(string text, string[] markers) => markers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
}
