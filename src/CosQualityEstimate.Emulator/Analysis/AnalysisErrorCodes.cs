namespace CosQualityEstimate.Emulator.Analysis;

/// <summary>The job error codes a local analysis can end a job with (docs/emulator.md, "Local analysis").</summary>
internal static class AnalysisErrorCodes
{
    /// <summary>The stored object is not media ffmpeg can read (not a video, truncated, corrupt); the message carries ffmpeg's reason.</summary>
    internal const string InvalidInputFile = "InvalidInputFile";

    /// <summary>The stored object disappeared (deleted or overwritten) before its analysis could read it.</summary>
    internal const string InputFileNotExist = "InputFileNotExist";

    /// <summary>The analysis failed for another reason (ffmpeg crashed, a bug); the message says what.</summary>
    internal const string InternalError = "InternalError";
}
