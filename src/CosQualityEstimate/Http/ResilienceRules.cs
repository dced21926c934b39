using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CosQualityEstimate.Http;

/// <summary>
/// The resend rule and the context keys the pipeline sets, below the public <c>Jobs.CosResilience</c> (which exposes
/// them): the HTTP layer needs them without depending on the Jobs layer.
/// </summary>
internal static class ResilienceRules
{
    /// <summary>Context property: true when the call may be sent twice with the same effect (GET, cancel); false for a submit.</summary>
    internal static readonly ResiliencePropertyKey<bool> IsIdempotent = new("CosQualityEstimate.IsIdempotent");

    /// <summary>Context property: the operation name (for example <c>SubmitJob</c>), for logs and telemetry.</summary>
    internal static readonly ResiliencePropertyKey<string> Operation = new("CosQualityEstimate.Operation");

    /// <summary>Context property: true when the request has used its <c>CosRequest.MaxAttempts</c>; nothing is retried then.</summary>
    internal static readonly ResiliencePropertyKey<bool> AttemptsExhausted = new("CosQualityEstimate.AttemptsExhausted");

    /// <summary>See <c>CosResilience.ShouldRetry</c>.</summary>
    internal static bool ShouldRetry(Exception exception, ResilienceContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Properties.GetValue(AttemptsExhausted, false))
        {
            return false;
        }

        var kind = FailureClassifier.Classify(exception, context.CancellationToken);
        var idempotent = context.Properties.GetValue(IsIdempotent, false);
        return kind == FailureKind.NotProcessed || (kind == FailureKind.Ambiguous && idempotent);
    }

    /// <summary>A short, secret-free description of a failure for logs: the exception type plus status/code or transport error.</summary>
    internal static string Describe(Exception? exception) => exception switch
    {
        null => "none",
        CosTransportException { InnerException: { } transport } => Describe(transport),
        CosResponseFormatException format => $"unreadable response (status {format.Status})",
        CosServiceException service => $"status {service.Status} {service.ErrorCode}".TrimEnd(),
        HttpRequestException http => $"transport error {http.HttpRequestError}",
        TimeoutRejectedException => "attempt timeout",
        _ => exception.GetType().Name,
    };

    /// <summary>
    /// The retry strategy both clients use: exponential backoff with jitter, the service's <c>Retry-After</c> honoured up
    /// to <paramref name="maxDelay"/>, <see cref="ShouldRetry"/> as the resend rule, every retry logged and counted.
    /// </summary>
    internal static RetryStrategyOptions CreateRetry(int maxRetries, TimeSpan delay, TimeSpan maxDelay, bool useJitter, ILogger logger)
    {
        var options = new RetryStrategyOptions();
        Configure(options, maxRetries, delay, maxDelay, useJitter, logger);
        return options;
    }

    /// <summary>The same retry strategy as <see cref="CreateRetry"/>, for a pipeline typed to the HTTP pipeline's
    /// <see cref="CosResponse"/> (no conversion of each outcome to and from <see cref="object"/>).</summary>
    internal static RetryStrategyOptions<CosResponse> CreateTypedRetry(int maxRetries, TimeSpan delay, TimeSpan maxDelay, bool useJitter, ILogger logger)
    {
        var options = new RetryStrategyOptions<CosResponse>();
        Configure(options, maxRetries, delay, maxDelay, useJitter, logger);
        return options;
    }

    private static void Configure<T>(RetryStrategyOptions<T> options, int maxRetries, TimeSpan delay, TimeSpan maxDelay, bool useJitter, ILogger logger)
    {
        options.MaxRetryAttempts = maxRetries;
        options.Delay = delay;
        options.MaxDelay = maxDelay;
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = useJitter;
        options.ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } ex && ShouldRetry(ex, args.Context));
        options.DelayGenerator = args => new ValueTask<TimeSpan?>(
            args.Outcome.Exception is CosServiceException { RetryAfter: { } retryAfter }
                ? (retryAfter < maxDelay ? retryAfter : maxDelay)
                : null);
        options.OnRetry = args =>
        {
            var operation = args.Context.Properties.GetValue(Operation, "Unknown");
            var failure = Describe(args.Outcome.Exception);
            var service = args.Outcome.Exception as CosServiceException;
            Log.Retrying(logger, operation, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, failure, service?.Status ?? 0, service?.RequestId);
            CosDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", failure));
            return default;
        };
    }
}
