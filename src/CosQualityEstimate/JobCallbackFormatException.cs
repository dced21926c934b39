namespace CosQualityEstimate;

/// <summary>
/// A job callback body could not be read: empty, oversized, malformed or truncated XML or JSON, XML carrying a DTD or
/// entity declarations, an unexpected root element, or JSON whose root is not an object. Thrown by
/// <see cref="Models.JobCallback.Parse(string, string?)"/>; the message names the problem and quotes the first
/// characters of the body (control characters replaced).
/// </summary>
public class JobCallbackFormatException : CosException
{
    /// <summary>The most body characters quoted in <see cref="BodyPreview"/> and the message.</summary>
    public const int MaxPreviewChars = 64;

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What was wrong with the body.</param>
    /// <param name="bodyPreview">The first characters of the body (at most <see cref="MaxPreviewChars"/>), control characters replaced.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public JobCallbackFormatException(string reason, string bodyPreview, Exception? innerException)
        : base($"The job callback body cannot be read: {reason} Body starts: \"{bodyPreview}\"", innerException)
    {
        BodyPreview = bodyPreview ?? string.Empty;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public JobCallbackFormatException()
    {
        BodyPreview = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobCallbackFormatException(string message)
        : base(message)
    {
        BodyPreview = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public JobCallbackFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        BodyPreview = string.Empty;
    }

    /// <summary>The first characters of the body (at most <see cref="MaxPreviewChars"/>), control characters replaced by <c>?</c> and line breaks and tabs by spaces.</summary>
    public string BodyPreview { get; }
}
