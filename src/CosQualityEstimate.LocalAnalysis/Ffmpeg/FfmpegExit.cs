namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Turns a failed ffmpeg/ffprobe run into the failure taxonomy: killed by a signal (a crash, exit code above 128 other
/// than 255, which ffmpeg uses for its own errors) is <see cref="LocalAnalysisFailure.AnalyzerFailure"/>; an input it
/// could not open for lack of permission or an I/O error is <see cref="MediaAccessException"/>; anything else is
/// ffmpeg's verdict on the bytes, <see cref="MediaUnreadableException"/>.
/// </summary>
internal static class FfmpegExit
{
    private static readonly string[] AccessMarkers = ["Permission denied", "Input/output error", "Operation not permitted"];

    public static LocalAnalysisException ToException(string tool, int exitCode, string reason, string displayName, string verdict)
    {
        if (exitCode < 0 || (exitCode > 128 && exitCode != 255))
        {
            return new LocalAnalysisException($"'{displayName}' could not be analysed: {tool} crashed (exit code {exitCode}): {reason}");
        }

        if (AccessMarkers.Any(m => reason.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return new MediaAccessException($"'{displayName}' could not be read: {reason}");
        }

        return new MediaUnreadableException($"'{displayName}' {verdict}: {reason}") { FfmpegReason = reason };
    }
}
