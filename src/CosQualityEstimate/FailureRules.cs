namespace CosQualityEstimate;

/// <summary>
/// The one set of rules that says what a service answer means: throttled (not processed), a transient server error
/// (may have been processed), or neither. The exceptions' public <see cref="CosException.IsTransient"/> and
/// <see cref="CosServiceException.IsThrottling"/> and the resilience pipeline's <c>Http.FailureClassifier</c> all ask
/// here (it sits with the exceptions, in the lowest layer, so both can). See docs/errors-and-retries.md.
/// </summary>
internal static class FailureRules
{
    /// <summary>Service codes that mean "throttled, not processed".</summary>
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal) { "SlowDown", "RequestLimitExceeded", "TooManyRequests", "ThrottlingException" };

    /// <summary>Service codes of transient server-side failures.</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal) { "InternalError", "ServiceUnavailable", "RequestTimeout", "InternalServerError" };

    /// <summary>Throttled (HTTP 429 or a throttling code): the service did not process the request.</summary>
    internal static bool IsThrottling(CosServiceException exception) =>
        exception.Status == 429 || (exception.ErrorCode is { } code && ThrottleCodes.Contains(code));

    /// <summary>A transient server-side failure (408, 500, 502, 503, 504 or a transient code): the request may have been processed.</summary>
    internal static bool IsServerError(CosServiceException exception) =>
        exception.Status is 408 or 500 or 502 or 503 or 504 || (exception.ErrorCode is { } code && TransientCodes.Contains(code));

    /// <summary>
    /// Whether the same call may succeed when made again later (after the library's own retries ran out): throttling,
    /// a server error, a transport failure or timeout, an unreadable answer, an unknown submit outcome, a wait that gave
    /// up, a failed upload integrity check. Refusals, failed jobs, missing credentials, unreadable callbacks and an answer
    /// over the call's size limit are not.
    /// </summary>
    internal static bool IsTransient(CosException exception) => exception switch
    {
        CosServiceException service => IsThrottling(service) || IsServerError(service),
        CosResponseTooLargeException => false,
        CosTransportException or CosResponseFormatException or SubmitOutcomeUnknownException or JobWaitTimeoutException or CosDataIntegrityException => true,
        _ => false,
    };
}
