using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Http;

/// <summary>What the latest attempt of one call learnt, for decisions taken after the resilience pipeline returns.</summary>
internal sealed class AttemptState
{
    /// <summary>The credential the attempt was signed with (refreshed once if the service rejects it).</summary>
    internal CosCredential? Credential { get; set; }

    /// <summary>A 2xx status whose headers arrived but whose body did not: the service processed the request.</summary>
    internal int? SuccessStatusWithoutBody { get; set; }

    /// <summary>HTTP attempts of the call so far, across every run of the resilience pipeline.</summary>
    internal int Attempts { get; set; }

    /// <summary>HTTP attempts in the current run of the resilience pipeline (a clock-skew or credential resend starts a new run).</summary>
    internal int RunAttempts { get; set; }

    /// <summary>The request id of that response.</summary>
    internal string? RequestId { get; set; }
}
