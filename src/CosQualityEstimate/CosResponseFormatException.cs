namespace CosQualityEstimate;

/// <summary>
/// The service answered, but the body was not the XML this operation expects (malformed, truncated, an HTML gateway
/// page, or missing required elements). Carries the status, the first bytes of the body and, when a submit's body
/// still named one, the <see cref="JobId"/> — so a job the service created is never lost.
/// </summary>
public class CosResponseFormatException : CosException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status code of the response.</param>
    /// <param name="requestId">The request id from the response headers, if any.</param>
    /// <param name="bodyPreview">The first characters of the body, control characters replaced.</param>
    /// <param name="jobId">A job id found in the body, if any.</param>
    /// <param name="reason">What was wrong with the body.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public CosResponseFormatException(int status, string? requestId, string bodyPreview, string? jobId, string reason, Exception? innerException = null)
        : base(BuildMessage(status, requestId, bodyPreview, jobId, reason), innerException)
    {
        Status = status;
        RequestId = requestId;
        BodyPreview = bodyPreview;
        JobId = jobId;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public CosResponseFormatException()
    {
        BodyPreview = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CosResponseFormatException(string message)
        : base(message)
    {
        BodyPreview = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public CosResponseFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        BodyPreview = string.Empty;
    }

    /// <summary>HTTP status code of the unreadable response.</summary>
    public int Status { get; }

    /// <summary>Request id from the response headers, if any.</summary>
    public string? RequestId { get; }

    /// <summary>The first characters of the body (at most 256), control characters replaced by <c>?</c>.</summary>
    public string BodyPreview { get; }

    /// <summary>A job id found in the unreadable body, if any: the job may exist even though the response was unreadable.</summary>
    public string? JobId { get; }

    private static string BuildMessage(int status, string? requestId, string bodyPreview, string? jobId, string reason)
    {
        var message = $"The service returned an unreadable response (status {status}): {reason}";
        if (!string.IsNullOrEmpty(jobId))
        {
            message += $" The body names JobId {jobId}: the job may have been created.";
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            message += $" RequestId: {requestId}.";
        }

        return message + $" Body starts: \"{bodyPreview}\"";
    }
}
