using Microsoft.Extensions.Logging;
using Polly;

namespace CosQualityEstimate.Http;

/// <summary>
/// Retries and the attempt timeout of each HTTP request, shared by <see cref="Jobs.CosRetryOptions"/> and
/// <see cref="Objects.ObjectsRetryOptions"/> (which differ only in their defaults and in settings of their own):
/// exponential backoff with jitter from <see cref="Delay"/> up to <see cref="MaxDelay"/>, honouring the service's
/// <c>Retry-After</c>, under the library's resend rule (a non-idempotent POST is resent only when it provably did not
/// reach the service).
/// </summary>
public abstract class RequestRetryOptions
{
    /// <summary>Only this library's retry options derive from it.</summary>
    /// <param name="maxDelay">The client's default <see cref="MaxDelay"/>.</param>
    /// <param name="attemptTimeout">The client's default <see cref="AttemptTimeout"/>.</param>
    private protected RequestRetryOptions(TimeSpan maxDelay, TimeSpan attemptTimeout)
    {
        MaxDelay = maxDelay;
        AttemptTimeout = attemptTimeout;
    }

    /// <summary>Most retries after the first attempt of one request; 0 disables retries. Default 3, at most 10.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the exponential backoff; default 0.8 seconds.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Longest wait between attempts, also the cap of a service's <c>Retry-After</c> (default: 1 minute for jobs, 30 seconds for objects).</summary>
    public TimeSpan MaxDelay { get; set; }

    /// <summary>Randomise backoff delays to avoid synchronized retries; default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Limit of one attempt (send the request and read the response); default 30 seconds for jobs, 10 minutes for
    /// objects (enough for a part or a threshold-sized file on a slow link). <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; }

    /// <summary>The problems with these settings, each naming the option (<c>Retry.*</c>); empty when valid.</summary>
    internal virtual IEnumerable<string> GetErrors()
    {
        if (MaxRetries is < 0 or > 10)
        {
            yield return "Retry.MaxRetries must be between 0 and 10.";
        }

        if (Delay <= TimeSpan.Zero || MaxDelay < Delay)
        {
            yield return "Retry.Delay must be positive and Retry.MaxDelay at least Retry.Delay.";
        }

        if (!IsValidTimeout(AttemptTimeout))
        {
            yield return "Retry.AttemptTimeout must be between 10 ms and 24 hours, or Timeout.InfiniteTimeSpan.";
        }
    }

    /// <summary>Adds the retry strategy (when <see cref="MaxRetries"/> is above 0) and the attempt timeout to <paramref name="builder"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="logger">Receives retry events.</param>
    internal void AddRetryAndAttemptTimeout(ResiliencePipelineBuilder builder, ILogger logger)
    {
        AddRetry(builder, logger);
        if (AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(AttemptTimeout);
        }
    }

    /// <summary>Adds the retry strategy alone (when <see cref="MaxRetries"/> is above 0), for a pipeline whose timeouts are applied around it (<see cref="CallTimeouts"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="logger">Receives retry events.</param>
    internal void AddRetry(ResiliencePipelineBuilder builder, ILogger logger)
    {
        if (MaxRetries > 0)
        {
            builder.AddRetry(ResilienceRules.CreateRetry(MaxRetries, Delay, MaxDelay, UseJitter, logger));
        }
    }

    /// <summary>The retry strategy alone (as <see cref="AddRetry"/> adds it), in a pipeline typed to the HTTP pipeline's
    /// <see cref="CosResponse"/>: Polly then runs each attempt without converting its outcome to and from <see cref="object"/>.</summary>
    /// <param name="time">The pipeline's clock.</param>
    /// <param name="logger">Receives retry events.</param>
    internal ResiliencePipeline<CosResponse> BuildTypedRetry(TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<CosResponse> { TimeProvider = time };
        if (MaxRetries > 0)
        {
            builder.AddRetry(ResilienceRules.CreateTypedRetry(MaxRetries, Delay, MaxDelay, UseJitter, logger));
        }

        return builder.Build();
    }

    /// <summary>True for <see cref="Timeout.InfiniteTimeSpan"/> or a span from 10 ms to 24 hours.</summary>
    /// <param name="value">The timeout.</param>
    internal static bool IsValidTimeout(TimeSpan value) =>
        value == Timeout.InfiniteTimeSpan || (value >= TimeSpan.FromMilliseconds(10) && value <= TimeSpan.FromHours(24));
}
