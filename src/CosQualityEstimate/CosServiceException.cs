using System.Globalization;
using System.Text;

namespace CosQualityEstimate;

/// <summary>
/// The service answered with an error (an HTTP error status, or a <c>NonExistJobIds</c> answer). Carries the HTTP status,
/// the service's error <see cref="ErrorCode"/>, its message, <see cref="RequestId"/> and <see cref="TraceId"/>
/// (quote them to Tencent Cloud support). Never contains credentials, signatures or request headers.
/// </summary>
public class CosServiceException : CosException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">HTTP status code of the response (0 when no response was received).</param>
    /// <param name="errorCode">The service error code, for example <c>InvalidArgument</c>.</param>
    /// <param name="serviceMessage">The service's own message.</param>
    /// <param name="requestId">The request id (<c>RequestId</c> or <c>x-ci-request-id</c>).</param>
    /// <param name="traceId">The trace id (<c>TraceId</c>).</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public CosServiceException(int status, string? errorCode, string? serviceMessage, string? requestId, string? traceId, Exception? innerException = null)
        : base(BuildMessage(status, errorCode, serviceMessage, requestId, traceId), innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
        TraceId = traceId;
    }

    /// <summary>Creates the exception with a custom summary message and the service's details.</summary>
    /// <param name="message">The summary.</param>
    /// <param name="status">HTTP status code of the response (0 when no response was received).</param>
    /// <param name="errorCode">The service error code.</param>
    /// <param name="serviceMessage">The service's own message.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="traceId">The trace id.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    protected CosServiceException(string message, int status, string? errorCode, string? serviceMessage, string? requestId, string? traceId, Exception? innerException)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
        TraceId = traceId;
    }

    /// <summary>Creates the exception with a custom summary message.</summary>
    /// <param name="message">The summary.</param>
    public CosServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom summary message and inner exception.</summary>
    /// <param name="message">The summary.</param>
    /// <param name="innerException">The underlying exception.</param>
    public CosServiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public CosServiceException()
        : base("The service answered with an error.")
    {
    }

    /// <summary>HTTP status code of the response; 0 when no response was received.</summary>
    public int Status { get; }

    /// <summary>The service's error code (<c>Error/Code</c>), for example <c>InvalidArgument</c>; <c>null</c> when the body carried none.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's message (<c>Error/Message</c>).</summary>
    public string? ServiceMessage { get; }

    /// <summary>The request id (<c>Error/RequestId</c> or the <c>x-ci-request-id</c> header).</summary>
    public string? RequestId { get; }

    /// <summary>The trace id (<c>Error/TraceId</c>).</summary>
    public string? TraceId { get; }

    /// <summary>
    /// <see langword="true"/> when the service throttled the request (HTTP 429, or the code <c>SlowDown</c>,
    /// <c>RequestLimitExceeded</c>, <c>TooManyRequests</c> or <c>ThrottlingException</c>): it did not process it, so
    /// even a submit may be sent again, later. A throttled request is also <see cref="CosException.IsTransient"/>.
    /// </summary>
    public bool IsThrottling => FailureRules.IsThrottling(this);

    /// <summary>The delay the service asked for in <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>The service's clock from the response's <c>Date</c> header, used to correct clock skew.</summary>
    internal DateTimeOffset? ServerDate { get; set; }

    private static string BuildMessage(int status, string? errorCode, string? serviceMessage, string? requestId, string? traceId)
    {
        var builder = new StringBuilder("Service request failed.");
        builder.Append(CultureInfo.InvariantCulture, $" Status: {status}");
        if (status > 0 && Enum.IsDefined(typeof(System.Net.HttpStatusCode), status))
        {
            builder.Append(CultureInfo.InvariantCulture, $" ({(System.Net.HttpStatusCode)status})");
        }

        AppendIfPresent(builder, "ErrorCode", errorCode);
        AppendIfPresent(builder, "Message", serviceMessage);
        AppendIfPresent(builder, "RequestId", requestId);
        AppendIfPresent(builder, "TraceId", traceId);
        return builder.ToString();
    }

    private static void AppendIfPresent(StringBuilder builder, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            builder.Append(CultureInfo.InvariantCulture, $"; {name}: {value}");
        }
    }
}
