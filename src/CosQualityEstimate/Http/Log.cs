using Microsoft.Extensions.Logging;

namespace CosQualityEstimate.Http;

/// <summary>
/// The library's log events. Allow-list only: operation, method, path, status, duration, job id, request id, attempt.
/// Never the Authorization header, signature, SecretKey, session token or bodies.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Operation}: sending {Method} {Path} (attempt {Attempt})")]
    internal static partial void RequestStarting(ILogger logger, string operation, string method, string path, int attempt);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Operation}: {Method} {Path} answered {Status} in {DurationMs} ms (request id {RequestId})")]
    internal static partial void RequestCompleted(ILogger logger, string operation, string method, string path, int status, long durationMs, string? requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Operation}: {Method} {Path} failed after {DurationMs} ms: {Failure} (status {Status}, error code {ErrorCode}, request id {RequestId})")]
    internal static partial void RequestFailed(ILogger logger, string operation, string method, string path, long durationMs, string failure, int status, string? errorCode, string? requestId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Operation}: retrying in {DelayMs} ms (retry {Retry}) after {Failure} (status {Status}, request id {RequestId})")]
    internal static partial void Retrying(ILogger logger, string operation, long delayMs, int retry, string failure, int status, string? requestId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "SubmitJob: job {JobId} created (request id {RequestId})")]
    internal static partial void JobSubmitted(ILogger logger, string jobId, string? requestId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "SubmitJob: outcome unknown after {Failure}; reconciling by client token (attempt {Attempt})")]
    internal static partial void SubmitReconciling(ILogger logger, string failure, int attempt);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "SubmitJob: reconciliation found job {JobId} created by the failed attempt; not resending")]
    internal static partial void SubmitReconciled(ILogger logger, string jobId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "SubmitJob: reconciliation found no job with this client token; resending")]
    internal static partial void SubmitResending(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Clock skew: the service's clock is {OffsetMs} ms from ours; signing with the corrected time and retrying once")]
    internal static partial void ClockSkewCorrected(ILogger logger, long offsetMs);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Credential rejected ({ErrorCode}); refreshing it once and retrying")]
    internal static partial void CredentialRefreshing(ILogger logger, string? errorCode);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Job {JobId} reached {State}")]
    internal static partial void JobCompleted(ILogger logger, string jobId, string state);
}
