using Polly;
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

    /// <summary>See <c>CosResilience.ShouldRetry</c>.</summary>
    internal static bool ShouldRetry(Exception exception, ResilienceContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
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
}
