using System.Net.Sockets;
using Polly.Timeout;

namespace CosQualityEstimate.Http;

/// <summary>
/// Sorts failures into <see cref="FailureKind"/>s for resending an attempt (the line between
/// <see cref="FailureKind.NotProcessed"/> and <see cref="FailureKind.Ambiguous"/> is what keeps a paid submit from being
/// sent twice). Service answers are judged by <see cref="FailureRules"/>, the same rules behind the public
/// <see cref="CosException.IsTransient"/> and <see cref="CosServiceException.IsThrottling"/>.
/// </summary>
internal static class FailureClassifier
{
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
            case CosResponseTooLargeException:
                // Over the call's own size limit (a snapshot): the same request gets the same answer; never resent.
                return FailureKind.Permanent;
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

    private static FailureKind ClassifyService(CosServiceException exception)
    {
        if (FailureRules.IsThrottling(exception))
        {
            return FailureKind.NotProcessed;
        }

        return FailureRules.IsServerError(exception) ? FailureKind.Ambiguous : FailureKind.Permanent;
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
