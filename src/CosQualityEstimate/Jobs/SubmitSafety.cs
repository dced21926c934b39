using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Submit safety: send the submit once; on an ambiguous failure (<see cref="AmbiguousPost"/>, the rule Complete Multipart
/// Upload follows too) recover a job the unreadable answer named, or reconcile by client token, and resend only when
/// reconciliation proved no job exists. It calls the client's internal get/list paths (never the public virtual ones),
/// so a subclass or mock of <see cref="JobsClient"/> cannot change how safe a submit is. Retry budgets, one per loop:
/// <list type="bullet">
/// <item>HTTP attempts of each call: the pipeline's <see cref="RequestRetryOptions.MaxRetries"/> (a submit only when provably not processed).</item>
/// <item>Reconciliation looks: <see cref="CosRetryOptions.ReconcileAttempts"/>, spaced by <see cref="CosRetryOptions.ReconcileDelay"/>, each reading at most <see cref="MaxPagesPerLook"/> pages.</item>
/// <item>Resends after a reconciliation proved no job: at most <see cref="AmbiguousPost.MaxResends"/>.</item>
/// </list>
/// </summary>
internal sealed class SubmitSafety
{
    /// <summary>How far back reconciliation looks for a job created by an ambiguous submit (covers clock differences).</summary>
    internal static readonly TimeSpan Lookback = TimeSpan.FromMinutes(15);

    /// <summary>Most listing pages (of 100 jobs) one reconciliation look reads.</summary>
    internal const int MaxPagesPerLook = 10;

    private readonly JobsClient _client;
    private readonly CosHttpPipeline _pipeline;
    private readonly CosRetryOptions _retry;

    internal SubmitSafety(JobsClient client, CosHttpPipeline pipeline, CosRetryOptions retry)
    {
        _client = client;
        _pipeline = pipeline;
        _retry = retry;
    }

    internal async Task<JobDetail> SubmitAsync(byte[] body, string objectKey, string? token, CancellationToken cancellationToken)
    {
        // The local clock when the call started; mapped to the service's clock only when reconciling, because a
        // RequestTimeTooSkewed answer during this call may still correct the signer's clock offset.
        var startedLocal = _client.Time.GetUtcNow();
        var (job, requestId, sent) = await AmbiguousPost.SendAsync(
            (Safety: this, Body: body, ObjectKey: objectKey, Token: token, Started: startedLocal),
            static (s, ct) => s.Safety.SendSubmitAsync(s.Body, s.ObjectKey, s.Token, ct),
            static async (s, ex, resend, ct) =>
            {
                var found = await s.Safety.VerifyAsync(ex, resend, s.ObjectKey, s.Token, s.Started, ct).ConfigureAwait(false);
                return found is null ? PostCheck<(JobDetail, string?, bool)>.NotApplied : PostCheck<(JobDetail, string?, bool)>.Done((found, null, false));
            },
            static s => Log.SubmitResending(s.Safety._pipeline.Logger),
            cancellationToken).ConfigureAwait(false);

        if (!sent)
        {
            return job; // recovered or reconciled: logged and counted where it was found
        }

        // The job exists from here on: telemetry must not be able to turn it into a failure.
        try
        {
            Log.JobSubmitted(_pipeline.Logger, job.JobId, requestId);
            CosDiagnostics.JobsSubmitted.Add(1);
        }
#pragma warning disable CA1031 // A throwing log provider or meter listener must not lose a created (billed) job.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return job;
    }

    /// <summary>
    /// After an ambiguous submit failure: the job an unreadable answer named, or the job reconciliation found by client
    /// token; <see langword="null"/> when reconciliation proved no job was created (the submit may be resent). Throws
    /// <see cref="SubmitOutcomeUnknownException"/> when nothing can be proven.
    /// </summary>
    private async Task<JobDetail?> VerifyAsync(Exception ex, int resend, string objectKey, string? token, DateTimeOffset startedLocal, CancellationToken cancellationToken)
    {
        if (ex is CosResponseFormatException { JobId: { } namedJobId } unreadable)
        {
            // The answer was unreadable but named the job: it exists, so fetch it rather than lose it.
            return await RecoverNamedJobAsync(namedJobId, unreadable, cancellationToken).ConfigureAwait(false);
        }

        var reason = ResilienceRules.Describe(ex) + ".";
        if (token is null)
        {
            throw new SubmitOutcomeUnknownException(objectKey, null, reason, ex);
        }

        Log.SubmitReconciling(_pipeline.Logger, reason, resend + 1);
        var since = _pipeline.Signer.ToServiceClock(startedLocal) - Lookback;
        var found = await ReconcileAsync(objectKey, token, since, reason, ex, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            Log.SubmitReconciled(_pipeline.Logger, found.JobId);
            CosDiagnostics.JobsSubmitted.Add(1);
            return found;
        }

        if (ex is CosResponseFormatException { Status: >= 200 and <= 299 })
        {
            // A 2xx means the service processed the submit: a list that does not show the job yet proves nothing.
            throw new SubmitOutcomeUnknownException(objectKey, token, reason + " The service answered with success, so a job was probably created; it was not found by its client token yet.", ex);
        }

        return null;
    }

    /// <summary>
    /// Looks for a job carrying <paramref name="token"/> among the object's jobs created since <paramref name="since"/>,
    /// <see cref="CosRetryOptions.ReconcileAttempts"/> times spaced by <see cref="CosRetryOptions.ReconcileDelay"/>
    /// (an in-flight submit may still be creating it). Returns <c>null</c> only when every look found none.
    /// </summary>
    private async Task<JobDetail?> ReconcileAsync(string objectKey, string token, DateTimeOffset since, string reason, Exception failure, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _retry.ReconcileAttempts; attempt++)
        {
            if (attempt > 0 && _retry.ReconcileDelay > TimeSpan.Zero)
            {
                await Task.Delay(_retry.ReconcileDelay, _client.Time, cancellationToken).ConfigureAwait(false);
            }

            // Each look is a child activity of the submit's activity, with its list calls below it.
            using var look = CosDiagnostics.ActivitySource.StartActivity("JobsClient.ReconcileLookup");
            look?.SetTag("cos.reconcile.attempt", attempt + 1);
            try
            {
                var found = await ClientTokenLookup.FindOnceAsync(_client, objectKey, token, since, MaxPagesPerLook, cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    return found;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new SubmitOutcomeUnknownException(objectKey, token, reason + " Looking the job up failed too: " + ResilienceRules.Describe(ex) + ".", new AggregateException(failure, ex));
            }
        }

        return null;
    }

    /// <summary>Exception filter helper: records what a caller needs to find the job; never catches.</summary>
    internal static bool Annotate(Exception exception, string objectKey, string? token)
    {
        exception.Data[JobsClient.ObjectKeyDataKey] = objectKey;
        if (token is not null)
        {
            exception.Data[JobsClient.ClientTokenDataKey] = token;
        }

        return true;
    }

    /// <summary>One submit through the pipeline; every failure records the object key and token (<see cref="Annotate"/>).</summary>
    private async Task<(JobDetail Job, string? RequestId, bool Sent)> SendSubmitAsync(byte[] body, string objectKey, string? token, CancellationToken cancellationToken)
    {
        try
        {
            var cosRequest = new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body, IsIdempotent = false };
            var response = await _pipeline.SendAsync(cosRequest, cancellationToken).ConfigureAwait(false);
            var parsed = JobsResponseParser.Parse(response);
            if (parsed.JobsDetail.Count == 0 || string.IsNullOrWhiteSpace(parsed.JobsDetail[0].JobId))
            {
                throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, "the submit response has no JobsDetail/JobId.");
            }

            return (JobDetailConverter.ToPublic(parsed.JobsDetail[0], response.RequestId), response.RequestId, true);
        }
        catch (Exception ex) when (!Annotate(ex, objectKey, token))
        {
            throw; // never reached: the filter only records what a caller needs to find the job
        }
    }

    private async Task<JobDetail> RecoverNamedJobAsync(string jobId, CosResponseFormatException unreadable, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetJobCoreAsync(jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: keep the id the service returned on the cancellation itself.
            ex.Data[JobsClient.JobIdDataKey] = jobId;
            throw;
        }
#pragma warning disable CA1031 // Whatever failed, the unreadable-response exception carries the job id: never lose it.
        catch (Exception)
#pragma warning restore CA1031
        {
            throw unreadable;
        }
    }
}
