using System.Runtime.CompilerServices;
using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Submit safety: send the submit once; on an ambiguous failure (<see cref="AmbiguousPost"/>, the rule Complete Multipart
/// Upload follows too) verify by look-up (<see cref="VerifyByLookup"/> with <see cref="SubmitLookup"/>, the rules a batch
/// create follows too) and resend only when the look-up proved no job exists. It calls the client's internal get/list paths (never the public virtual ones),
/// so a subclass or mock of <see cref="JobsClient"/> cannot change how safe a submit is. Retry budgets, one per loop:
/// <list type="bullet">
/// <item>HTTP attempts of each call: the pipeline's <see cref="RequestRetryOptions.MaxRetries"/> (a submit only when provably not processed).</item>
/// <item>Reconciliation looks: <see cref="CosRetryOptions.ReconcileAttempts"/>, spaced by <see cref="CosRetryOptions.ReconcileDelay"/>, each reading at most <see cref="VerifyByLookup.MaxPagesPerLook"/> pages.</item>
/// <item>Resends after a reconciliation proved no job: at most <see cref="AmbiguousPost.MaxResends"/>.</item>
/// </list>
/// </summary>
internal sealed class SubmitSafety
{
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
                var found = await VerifyByLookup.VerifyAsync(new SubmitLookup(s.Safety._client, s.ObjectKey, s.Token), ex, resend, s.Safety._client.ToServiceClock(s.Started), s.Safety._retry, s.Safety._client.Time, ct).ConfigureAwait(false);
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

    /// <summary>Exception filter helper: records what a caller needs to find the job; never catches.</summary>
    internal static bool Annotate(Exception exception, string objectKey, string? token)
    {
        CosFailureInfo.RecordSubmit(exception, objectKey, token);
        return true;
    }

    /// <summary>One submit through the pipeline; every failure records the object key and token (<see cref="Annotate"/>).
    /// A pooled value task (<see cref="AmbiguousPost"/> awaits each send once).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(JobDetail Job, string? RequestId, bool Sent)> SendSubmitAsync(byte[] body, string objectKey, string? token, CancellationToken cancellationToken)
    {
        try
        {
            var cosRequest = new CosRequest("SubmitJob", HttpMethod.Post, "/jobs") { Body = body, IsIdempotent = false };
            var response = await _pipeline.SendPooledAsync(cosRequest, cancellationToken).ConfigureAwait(false);
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
}
