using CosQualityEstimate.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CosQualityEstimate.Objects;

/// <summary>
/// The object client's resilience pipeline: retries with exponential backoff and jitter (honouring <c>Retry-After</c>)
/// under the same resend rule as the jobs API (<see cref="ResilienceRules.ShouldRetry"/>), and a per-attempt timeout.
/// No overall timeout: an upload's length depends on the file; the caller's token bounds it.
/// </summary>
internal static class ObjectsResilience
{
    internal static ResiliencePipeline Create(ObjectsRetryOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.Delay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } ex && ResilienceRules.ShouldRetry(ex, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is CosServiceException { RetryAfter: { } retryAfter }
                        ? (retryAfter < options.MaxDelay ? retryAfter : options.MaxDelay)
                        : null),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(ResilienceRules.Operation, "Unknown");
                    var failure = ResilienceRules.Describe(args.Outcome.Exception);
                    var service = args.Outcome.Exception as CosServiceException;
                    Log.Retrying(logger, operation, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, failure, service?.Status ?? 0, service?.RequestId);
                    CosDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("reason", failure));
                    return default;
                },
            });
        }

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        }

        return builder.Build();
    }
}
