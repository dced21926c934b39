namespace CosQualityEstimate.LocalAnalysis;

/// <summary>A local analysis could not be done.</summary>
public class LocalAnalysisException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalAnalysisException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public LocalAnalysisException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LocalAnalysisException(string message, Exception? innerException) : base(message, innerException) { }
}
