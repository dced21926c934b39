namespace CosQualityEstimate.Http;

/// <summary>What a failed attempt means for resending it.</summary>
internal enum FailureKind
{
    /// <summary>Resending cannot help (bad request, access denied, caller cancelled).</summary>
    Permanent,

    /// <summary>The request provably was not processed (connect/DNS failure, throttling): safe to resend even a submit.</summary>
    NotProcessed,

    /// <summary>Transient, but the request may have been processed (timeout or reset after sending, 5xx): safe to resend only idempotent requests.</summary>
    Ambiguous,
}
