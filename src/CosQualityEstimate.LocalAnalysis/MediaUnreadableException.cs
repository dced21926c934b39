namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// The file is not a video ffmpeg can read (not media, truncated, corrupt container, no such file): a permanent verdict
/// on the file (<see cref="LocalAnalysisFailure.MediaUnreadable"/>, not retryable). The message carries ffmpeg's reason.
/// </summary>
public sealed class MediaUnreadableException : LocalAnalysisException
{
    /// <summary>Creates the exception.</summary>
    public MediaUnreadableException() : this("the file is not a readable video") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public MediaUnreadableException(string message) : this(message, null) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MediaUnreadableException(string message, Exception? innerException) : base(message, innerException, LocalAnalysisFailure.MediaUnreadable) { }

    /// <summary>ffmpeg's own reason (last error lines), if any.</summary>
    public string? FfmpegReason { get; init; }
}
