namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// A local analysis could not be done. <see cref="Failure"/> says which kind of failure it is; this base type itself
/// stands for <see cref="LocalAnalysisFailure.AnalyzerFailure"/> (an unexpected failure: the inner exception says why).
/// The derived types are <see cref="MediaUnreadableException"/>, <see cref="MediaAccessException"/> and
/// <see cref="FfmpegNotFoundException"/>.
/// </summary>
public class LocalAnalysisException : Exception
{
    /// <summary>Creates the exception (<see cref="LocalAnalysisFailure.AnalyzerFailure"/>).</summary>
    public LocalAnalysisException() { }

    /// <summary>Creates the exception (<see cref="LocalAnalysisFailure.AnalyzerFailure"/>).</summary>
    /// <param name="message">What went wrong.</param>
    public LocalAnalysisException(string message) : base(message) { }

    /// <summary>Creates the exception (<see cref="LocalAnalysisFailure.AnalyzerFailure"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LocalAnalysisException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception of a derived type with its kind of failure.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="failure">The kind of failure.</param>
    protected LocalAnalysisException(string message, Exception? innerException, LocalAnalysisFailure failure)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The kind of failure.</summary>
    public LocalAnalysisFailure Failure { get; } = LocalAnalysisFailure.AnalyzerFailure;

    /// <summary>
    /// Whether analysing the same file again may succeed: <see langword="false"/> only for
    /// <see cref="LocalAnalysisFailure.MediaUnreadable"/> (the bytes are not a video and will not become one).
    /// </summary>
    public bool IsRetryable => Failure != LocalAnalysisFailure.MediaUnreadable;
}
