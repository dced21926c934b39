namespace CosQualityEstimate;

/// <summary>
/// A submit failed in a way that does not tell whether the service created the job (timeout or connection reset after
/// the request was sent, 5xx, unreadable answer), and the client could not prove either way, so it did NOT resend
/// (a resend could create and bill a second job). With <c>JobsClientOptions.UseClientTokens</c> or a
/// <c>ClientToken</c> on the request, the client reconciles such failures itself; without one, list recent jobs for
/// <see cref="ObjectKey"/> (<c>JobsClient.ListJobsAsync</c> with <c>InputObject</c>) before submitting again.
/// </summary>
public class SubmitOutcomeUnknownException : CosServiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="objectKey">The input object of the submit.</param>
    /// <param name="clientToken">The client token the submit carried, if any.</param>
    /// <param name="reason">Why the outcome is unknown.</param>
    /// <param name="innerException">The failure of the last attempt.</param>
    public SubmitOutcomeUnknownException(string objectKey, string? clientToken, string reason, Exception? innerException)
        : base(
            $"The submit for {objectKey} may or may not have created a job: {reason} It was not resent, to avoid a duplicate (billed) job."
                + (clientToken is null ? " Enable JobsClientOptions.UseClientTokens to let the client reconcile this automatically." : $" Client token: {clientToken}.")
                + (Service(innerException) is { } service ? " " + service.Message : string.Empty),
            Service(innerException)?.Status ?? 0,
            Service(innerException)?.ErrorCode,
            Service(innerException)?.ServiceMessage,
            Service(innerException)?.RequestId ?? (Service(innerException) as CosResponseFormatException)?.ResponseRequestId,
            Service(innerException)?.TraceId,
            innerException)
    {
        ObjectKey = objectKey;
        ClientToken = clientToken;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public SubmitOutcomeUnknownException()
    {
        ObjectKey = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SubmitOutcomeUnknownException(string message)
        : base(message)
    {
        ObjectKey = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public SubmitOutcomeUnknownException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ObjectKey = string.Empty;
    }

    /// <summary>The input object of the submit.</summary>
    public string ObjectKey { get; }

    private static CosServiceException? Service(Exception? exception) => exception switch
    {
        CosResponseFormatException format => format,
        CosServiceException service => service,
        AggregateException aggregate => aggregate.InnerExceptions.OfType<CosServiceException>().FirstOrDefault(),
        _ => null,
    };

    /// <summary>The client token the submit carried; a job whose <c>JobDetail.ClientToken</c> equals it was created by this submit.</summary>
    public string? ClientToken { get; }
}
