namespace CosQualityEstimate;

/// <summary>
/// The service's answer is larger than the call reads (for a snapshot <see cref="Objects.ObjectSnapshot.MaxContentBytes"/>):
/// refused as soon as the declared length or the bytes read pass <see cref="Limit"/>, and not requested again (a resend
/// would get the same answer, and a snapshot is billed per call).
/// </summary>
public class CosResponseTooLargeException : CosResponseFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status code of the response.</param>
    /// <param name="requestId">The request id from the response headers, if any.</param>
    /// <param name="limit">The most bytes the call reads.</param>
    /// <param name="declaredLength">The response's Content-Length, when it declared one.</param>
    public CosResponseTooLargeException(int status, string? requestId, long limit, long? declaredLength)
        : base(status, requestId, string.Empty, null, declaredLength is long declared
            ? $"the response declares {declared} bytes, over this call's {limit}-byte limit."
            : $"the response body exceeds this call's {limit}-byte limit.")
    {
        Limit = limit;
        DeclaredLength = declaredLength;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public CosResponseTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CosResponseTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public CosResponseTooLargeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The most bytes the call reads.</summary>
    public long Limit { get; }

    /// <summary>The response's Content-Length, when it declared one; <see langword="null"/> for a body that ran over while read.</summary>
    public long? DeclaredLength { get; }
}
