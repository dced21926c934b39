using System.Net.Sockets;
using Polly.Timeout;

namespace CosQualityEstimate.Http;

/// <summary>
/// The one place failures are classified: into <see cref="FailureKind"/>s for resending an attempt (the line between
/// <see cref="FailureKind.NotProcessed"/> and <see cref="FailureKind.Ambiguous"/> is what keeps a paid submit from being
/// sent twice), and into the public <see cref="CosException.IsTransient"/> and
/// <see cref="CosServiceException.IsThrottling"/> (docs/errors-and-retries.md, "How a failure is classified").
/// </summary>
internal static class FailureClassifier
{
    /// <summary>Service codes that mean "throttled, not processed".</summary>
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal) { "SlowDown", "RequestLimitExceeded", "TooManyRequests", "ThrottlingException" };

    /// <summary>Service codes of transient server-side failures.</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal) { "InternalError", "ServiceUnavailable", "RequestTimeout", "InternalServerError" };

    internal static FailureKind Classify(Exception exception, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested)
        {
            return FailureKind.Permanent;
        }

        switch (exception)
        {
            case CosTransportException { InnerException: { } transport }:
                return Classify(transport, callerToken);
            case TimeoutRejectedException:
                return FailureKind.Ambiguous;
            case CosResponseFormatException:
                // The service answered but the body was unreadable: a submit may have created a job.
                return FailureKind.Ambiguous;
            case CosServiceException service:
                return ClassifyService(service);
            case HttpRequestException http:
                return ClassifyTransport(http);
            case IOException:
                return FailureKind.Ambiguous;
            case OperationCanceledException:
                // Cancelled without the caller asking: HttpClient.Timeout or a handler's timeout.
                return FailureKind.Ambiguous;
            default:
                return FailureKind.Permanent;
        }
    }

    /// <summary>Throttled (HTTP 429 or a throttling code): the service did not process the request.</summary>
    internal static bool IsThrottling(CosServiceException exception) =>
        exception.Status == 429 || (exception.ErrorCode is { } code && ThrottleCodes.Contains(code));

    /// <summary>A transient server-side failure (408, 500, 502, 503, 504 or a transient code): the request may have been processed.</summary>
    internal static bool IsServerError(CosServiceException exception) =>
        exception.Status is 408 or 500 or 502 or 503 or 504 || (exception.ErrorCode is { } code && TransientCodes.Contains(code));

    /// <summary>
    /// Whether the same call may succeed when made again later (after the library's own retries ran out): throttling,
    /// a server error, a transport failure or timeout, an unreadable answer, an unknown submit outcome, a wait that gave
    /// up, a failed upload integrity check. Refusals, failed jobs, missing credentials and unreadable callbacks are not.
    /// </summary>
    internal static bool IsTransient(CosException exception) => exception switch
    {
        CosServiceException service => IsThrottling(service) || IsServerError(service),
        CosTransportException or CosResponseFormatException or SubmitOutcomeUnknownException or JobWaitTimeoutException or CosDataIntegrityException => true,
        _ => false,
    };

    private static FailureKind ClassifyService(CosServiceException exception)
    {
        if (IsThrottling(exception))
        {
            return FailureKind.NotProcessed;
        }

        return IsServerError(exception) ? FailureKind.Ambiguous : FailureKind.Permanent;
    }

    private static FailureKind ClassifyTransport(HttpRequestException exception)
    {
        switch (exception.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError:
            case HttpRequestError.ConnectionError:
            case HttpRequestError.SecureConnectionError:
            case HttpRequestError.ProxyTunnelError:
                // No connection to the service was established, so nothing was sent.
                return FailureKind.NotProcessed;
        }

        if (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
        {
            return FailureKind.NotProcessed;
        }

        return FailureKind.Ambiguous;
    }

    /// <summary>Credential problems that one refresh of the credential may fix.</summary>
    internal static bool IsCredentialRejection(CosServiceException exception) =>
        exception.ErrorCode is "ExpiredToken" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "TokenExpired";
}
