namespace CosQualityEstimate;

/// <summary>
/// No usable answer arrived: the connection failed or was reset, or an attempt or the whole call timed out, and the
/// retries did not help. <see cref="Exception.InnerException"/> is the failure of the last attempt
/// (<see cref="HttpRequestException"/>, <see cref="IOException"/>, Polly's <c>TimeoutRejectedException</c>, …).
/// For a GET or a cancel it is safe to call again later; a submit that fails this way was not resent and surfaces
/// as <see cref="SubmitOutcomeUnknownException"/> unless the failure proves nothing was sent (for example a refused
/// connection), in which case it is this exception.
/// </summary>
public class CosTransportException : CosException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation that failed, for example <c>GetJob</c>.</param>
    /// <param name="isTimeout">True when a timeout ended the call.</param>
    /// <param name="reason">A short, secret-free description of the failure.</param>
    /// <param name="innerException">The failure of the last attempt.</param>
    public CosTransportException(string operation, bool isTimeout, string reason, Exception? innerException)
        : base($"{operation}: no usable answer from the service ({reason}) after the retries.", innerException)
    {
        Operation = operation;
        IsTimeout = isTimeout;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public CosTransportException()
        : base("No usable answer from the service.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CosTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The failure of the last attempt.</param>
    public CosTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The operation that failed, for example <c>SubmitJob</c> or <c>GetJob</c>; <c>null</c> when not given.</summary>
    public string? Operation { get; }

    /// <summary>True when an attempt timeout or the overall timeout ended the call.</summary>
    public bool IsTimeout { get; }

    /// <summary>Always 0: no HTTP status was received.</summary>
    public int Status => 0;
}
