namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// ffmpeg/ffprobe is not installed (or too old, or lacks a required filter): <see cref="LocalAnalysisFailure.FfmpegUnavailable"/>,
/// retryable once ffmpeg is installed. The message names how to install it.
/// </summary>
public sealed class FfmpegNotFoundException : LocalAnalysisException
{
    /// <summary>How to install ffmpeg on the common platforms.</summary>
    public const string InstallHint = "install ffmpeg 5.1 or newer: apt-get install ffmpeg | brew install ffmpeg | winget install ffmpeg";

    /// <summary>Creates the exception.</summary>
    public FfmpegNotFoundException() : this(InstallHint) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public FfmpegNotFoundException(string message) : this(message, null) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FfmpegNotFoundException(string message, Exception? innerException) : base(message, innerException, LocalAnalysisFailure.FfmpegUnavailable) { }
}
