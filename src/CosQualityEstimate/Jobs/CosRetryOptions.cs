using CosQualityEstimate.Http;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Retry and timeout settings. Defaults follow the Azure SDK: 3 retries, exponential backoff from 0.8 s with jitter,
/// capped at 1 minute, honouring <c>Retry-After</c>. A submit (<c>POST /jobs</c>) is only resent when it provably never
/// reached the service, or after reconciliation proved no job was created (see <see cref="JobsClientOptions.UseClientTokens"/>).
/// </summary>
public sealed class CosRetryOptions : RequestRetryOptions
{
    /// <summary>Creates the jobs client's defaults.</summary>
    public CosRetryOptions()
        : base(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30))
    {
    }

    /// <summary>
    /// Limit of one run of the resilience pipeline for one HTTP request: all its attempts, their backoff delays and any
    /// <c>Retry-After</c> wait; default 2 minutes. <see cref="Timeout.InfiniteTimeSpan"/> disables it. It is not a limit on a
    /// whole public call: a call runs the pipeline again after a clock-skew correction or a credential refresh, for every
    /// reconciliation look and resend of a submit, for every page or batch of ids, every poll of a wait and every part of
    /// an upload, each run with its own limit. Bound a whole call with your cancellation token (and a wait with
    /// <see cref="JobPollingOptions.Timeout"/>). A pipeline that replaces the default one applies it only if it is built
    /// with <c>CosResilience.AddCosDefaults</c>.
    /// </summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after an ambiguous submit failure to look for the job before concluding it was not created; default 2 seconds.</summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times to look for the job after an ambiguous submit failure (spaced by <see cref="ReconcileDelay"/>); default 3.</summary>
    public int ReconcileAttempts { get; set; } = 3;

    /// <summary>A copy, so a client is not affected by later changes to the options it was built from.</summary>
    internal CosRetryOptions Clone() => (CosRetryOptions)MemberwiseClone();

    internal override IEnumerable<string> GetErrors()
    {
        foreach (var error in base.GetErrors())
        {
            yield return error;
        }

        if (!IsValidTimeout(OverallTimeout))
        {
            yield return "Retry.OverallTimeout must be between 10 ms and 24 hours, or Timeout.InfiniteTimeSpan.";
        }

        if (ReconcileDelay < TimeSpan.Zero || ReconcileAttempts is < 1 or > 20)
        {
            yield return "Retry.ReconcileDelay must not be negative and Retry.ReconcileAttempts must be between 1 and 20.";
        }
    }
}
