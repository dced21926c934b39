using CosQualityEstimate.Http;
using Microsoft.Extensions.Logging;
using Polly;

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
        options.AddRetryAndAttemptTimeout(builder, logger);
        return builder.Build();
    }
}
