using CosQualityEstimate.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// The default resilience pipeline (Polly v8): an overall timeout, retries with exponential backoff and jitter that honour
/// <c>Retry-After</c>, and a per-attempt timeout. Resend rules: idempotent calls (GET, cancel) retry on any transient
/// failure; a submit retries only on failures that prove the request was not processed (see <see cref="ShouldRetry"/>).
/// <see cref="JobsClientOptions.ConfigureResilience"/> only extends it: the strategies it adds run inside the default ones,
/// per attempt. To replace it, set <see cref="JobsClientOptions.ResiliencePipeline"/> (or register a keyed pipeline with
/// dependency injection); a replacement should keep <see cref="ShouldRetry"/> as its retry rule.
/// </summary>
public static class CosResilience
{
    /// <summary>Context property: true when the call may be sent twice with the same effect (GET, cancel); false for a submit.</summary>
    public static readonly ResiliencePropertyKey<bool> IsIdempotent = ResilienceRules.IsIdempotent;

    /// <summary>Context property: the operation name (for example <c>SubmitJob</c>), for logs and telemetry.</summary>
    public static readonly ResiliencePropertyKey<string> Operation = ResilienceRules.Operation;

    /// <summary>
    /// The retry rule: never for caller cancellation or permanent errors; for a submit (<see cref="IsIdempotent"/> false) only
    /// when the request provably was not processed (connection/DNS/TLS failure before sending, HTTP 429, SlowDown throttling);
    /// for idempotent calls also timeouts, resets, 408 and 5xx.
    /// </summary>
    /// <param name="exception">The failure of the attempt.</param>
    /// <param name="context">The resilience context of the call.</param>
    public static bool ShouldRetry(Exception exception, ResilienceContext context) => ResilienceRules.ShouldRetry(exception, context);

    /// <summary>Adds the default strategies (overall timeout → retry → attempt timeout) to <paramref name="builder"/>.</summary>
    /// <param name="builder">The builder; its <c>TimeProvider</c> drives delays and timeouts.</param>
    /// <param name="options">Retry and timeout settings.</param>
    /// <param name="logger">Receives retry events; none when <c>null</c>.</param>
    public static ResiliencePipelineBuilder AddCosDefaults(this ResiliencePipelineBuilder builder, CosRetryOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var log = logger ?? NullLogger.Instance;

        if (options.OverallTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.OverallTimeout);
        }

        options.AddRetryAndAttemptTimeout(builder, log);
        return builder;
    }

    /// <summary>Builds the default pipeline.</summary>
    /// <param name="options">Retry and timeout settings.</param>
    /// <param name="timeProvider">Clock for delays and timeouts.</param>
    /// <param name="logger">Receives retry events; none when <c>null</c>.</param>
    public static ResiliencePipeline CreateDefault(CosRetryOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        return builder.AddCosDefaults(options, logger).Build();
    }
}
