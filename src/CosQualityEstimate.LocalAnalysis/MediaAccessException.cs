namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// The file could not be read (no permission, a directory, an I/O error): nothing is known about its content, so
/// analysing it again later may succeed (<see cref="LocalAnalysisFailure.MediaAccess"/>, retryable).
/// </summary>
public sealed class MediaAccessException : LocalAnalysisException
{
    /// <summary>Creates the exception.</summary>
    public MediaAccessException() : this("the file could not be read") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public MediaAccessException(string message) : this(message, null) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause (usually an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>).</param>
    public MediaAccessException(string message, Exception? innerException) : base(message, innerException, LocalAnalysisFailure.MediaAccess) { }
}
