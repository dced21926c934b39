using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>Looking jobs up, listing, cancelling and waiting: every call runs in its <see cref="CosCallScope"/>.</summary>
public partial class JobsClient
{
    /// <summary>Describes one job (<c>GET /jobs/&lt;jobId&gt;</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="JobNotFoundException">The service does not know the job.</exception>
    public virtual Task<JobDetail> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        return CosCallScope.RunAsync("JobsClient.GetJob", (Client: this, JobId: jobId), static (s, ct) => s.Client.GetJobCoreAsync(s.JobId, ct), cancellationToken);
    }

    /// <summary>The describe call behind <see cref="GetJobAsync"/>; plumbing (submit safety) calls this, never the virtual method.</summary>
    internal async Task<JobDetail> GetJobCoreAsync(string jobId, CancellationToken cancellationToken)
    {
        var request = new CosRequest("GetJob", HttpMethod.Get, "/jobs/" + jobId) { IsIdempotent = true };
        var (response, parsed) = await Pipeline.SendAsync(request, JobsResponseParser.ParseWithResponse, cancellationToken).ConfigureAwait(false);
        foreach (var wire in parsed.JobsDetail)
        {
            if (string.Equals(wire.JobId?.Trim(), jobId, StringComparison.Ordinal))
            {
                return JobDetailConverter.ToPublic(wire, response.RequestId);
            }
        }

        if (parsed.JobsDetail.Count == 0 || parsed.NonExistJobIds.Count > 0)
        {
            throw new JobNotFoundException(jobId, response.Status, response.RequestId);
        }

        throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, $"the response does not describe job {jobId}.");
    }

    /// <summary>
    /// Describes several jobs (<c>GET /jobs/&lt;id1&gt;,&lt;id2&gt;,…</c>, split into requests of at most 50 ids; duplicates are asked once).
    /// </summary>
    /// <param name="jobIds">The job ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs found and the ids the service reported as non-existent.</returns>
    public virtual Task<JobsLookupResult> GetJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.GetJobs", (Client: this, Ids: jobIds), static (s, ct) => s.Client.GetJobsCoreAsync(s.Ids, ct), cancellationToken);

    /// <summary>The look-up behind <see cref="GetJobsAsync"/> and <see cref="ConfirmCallbackAsync"/>; plumbing calls this, never the virtual method.</summary>
    internal async Task<JobsLookupResult> GetJobsCoreAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in jobIds)
        {
            JobIdValidator.Validate(id, nameof(jobIds));
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        var jobs = new List<JobDetail>(ids.Count);
        var missing = new List<string>();
        var requestIds = new List<string>();
        for (var start = 0; start < ids.Count; start += MaxJobIdsPerLookup)
        {
            var chunk = ids.GetRange(start, Math.Min(MaxJobIdsPerLookup, ids.Count - start));
            var request = new CosRequest("GetJobs", HttpMethod.Get, "/jobs/" + string.Join(',', chunk)) { IsIdempotent = true };
            var (response, parsed) = await Pipeline.SendAsync(request, JobsResponseParser.ParseWithResponse, cancellationToken).ConfigureAwait(false);
            jobs.AddRange(JobDetailConverter.ToPublic(parsed.JobsDetail, response.RequestId));
            if (response.RequestId is { } requestId)
            {
                requestIds.Add(requestId);
            }

            foreach (var id in parsed.NonExistJobIds)
            {
                // Some services list several ids in one element.
                missing.AddRange(id.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return new JobsLookupResult(jobs, missing, requestIds);
    }

    /// <summary>
    /// Lists QualityEstimate jobs (<c>GET /jobs?tag=QualityEstimate&amp;…</c>) across pages, following <c>NextToken</c>.
    /// Use <see cref="JobsPageable.AsPages"/> for pages and continuation tokens.
    /// </summary>
    /// <param name="options">Filters and page size; all jobs, newest first, 10 per page when <c>null</c>.</param>
    /// <exception cref="ArgumentException">An option is invalid (page size outside 1–100, end before start).</exception>
    public virtual JobsPageable ListJobsAsync(ListJobsOptions? options = null)
    {
        var filters = options ?? new ListJobsOptions();
        ListJobsRequest.Validate(filters);
        // Each page is one "GetJobsPage" call activity, fetched through the internal path, never the virtual GetJobsPageAsync.
        return new JobsPageable((token, ct) => CosCallScope.RunAsync("JobsClient.GetJobsPage", (Client: this, Options: filters, Token: token), static (s, c) => s.Client.GetJobsPageCoreAsync(s.Options, s.Token, c), ct));
    }

    /// <summary>Fetches one page of a job listing.</summary>
    /// <param name="options">Filters and page size; defaults when <c>null</c>.</param>
    /// <param name="continuationToken">The <see cref="Page{T}.ContinuationToken"/> of the previous page, or <c>null</c> for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<JobsPage> GetJobsPageAsync(ListJobsOptions? options, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.GetJobsPage", (Client: this, Options: options ?? new ListJobsOptions(), Token: continuationToken), static (s, ct) => s.Client.GetJobsPageCoreAsync(s.Options, s.Token, ct), cancellationToken);

    /// <summary>The list call behind <see cref="GetJobsPageAsync"/>; plumbing (submit safety, look-ups) calls this, never the virtual method.</summary>
    internal async Task<JobsPage> GetJobsPageCoreAsync(ListJobsOptions options, string? continuationToken, CancellationToken cancellationToken)
    {
        var request = ListJobsRequest.Create(options, continuationToken);
        var (response, parsed) = await Pipeline.SendAsync(request, JobsResponseParser.ParseWithResponse, cancellationToken).ConfigureAwait(false);
        return new JobsPage(JobDetailConverter.ToPublic(parsed.JobsDetail, response.RequestId), parsed.NextToken?.Trim(), response.RequestId);
    }

    /// <summary>
    /// Finds the job a submit with <paramref name="clientToken"/> created for <paramref name="objectKey"/>: lists the
    /// object's QualityEstimate jobs created since <paramref name="since"/> (newest first, every page) and returns the one
    /// whose <see cref="JobDetail.ClientToken"/> equals the token, or <c>null</c> when none does. Use it before submitting
    /// again after a crash or a <see cref="SubmitOutcomeUnknownException"/>: a token identifies one submit, so a job
    /// found here must not be submitted again.
    /// </summary>
    /// <param name="objectKey">The input object of the submit (<c>Input/Object</c>).</param>
    /// <param name="clientToken">The token the submit carried (<see cref="QualityEstimateJobRequest.ClientToken"/>, or
    /// <see cref="SubmitOutcomeUnknownException.ClientToken"/>): 1–64 letters, digits, '-' or '_'.</param>
    /// <param name="since">The earliest creation time to look at; take the time before the submit minus a margin for
    /// clock differences (the client's own reconciliation uses 15 minutes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job, or <c>null</c> when no job created since <paramref name="since"/> carries the token.</returns>
    /// <exception cref="ArgumentException"><paramref name="objectKey"/> is empty or <paramref name="clientToken"/> is not a valid token.</exception>
    public virtual Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(objectKey);
        ArgumentNullException.ThrowIfNull(clientToken);
        try
        {
            ClientToken.Validate(clientToken);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(ex.Message, nameof(clientToken), ex);
        }

        return CosCallScope.RunAsync("JobsClient.FindJobByClientToken", (Client: this, ObjectKey: objectKey, Token: clientToken, Since: since), static (s, ct) => VerifyByLookup.FindAsync(new SubmitLookup(s.Client, s.ObjectKey, s.Token), s.Since, int.MaxValue, ct), cancellationToken);
    }

    /// <summary>
    /// Confirms a callback with the service. Callbacks are not signed, so anyone who can reach the callback URL can post
    /// one: treat a parsed <see cref="JobCallback"/> as a hint and act on what this returns — the service's own view of
    /// the jobs it names (one <c>GET /jobs/&lt;ids&gt;</c>), with ids the service does not know listed separately.
    /// </summary>
    /// <param name="callback">The parsed callback.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<JobsLookupResult> ConfirmCallbackAsync(JobCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var ids = new List<string>(callback.Jobs.Count);
        foreach (var job in callback.Jobs)
        {
            if (string.IsNullOrWhiteSpace(job.JobId))
            {
                throw new ArgumentException("The callback names a job without a JobId; there is nothing to confirm.", nameof(callback));
            }

            ids.Add(job.JobId);
        }

        return CosCallScope.RunAsync("JobsClient.ConfirmCallback", (Client: this, Ids: ids), static (s, ct) => s.Client.GetJobsCoreAsync(s.Ids, ct), cancellationToken);
    }

    /// <summary>Cancels a job (<c>PUT /jobs/&lt;jobId&gt;?cancel</c>). Only jobs that have not started (Submitted or Pause) can be cancelled.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="JobCancellationRefusedException">The service refused: the job is running or finished.</exception>
    public virtual Task CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        return CosCallScope.RunAsync("JobsClient.CancelJob", (Client: this, JobId: jobId), static (s, ct) => s.Client.CancelJobCoreAsync(s.JobId, ct), cancellationToken);
    }

    /// <summary>The cancel call behind <see cref="CancelJobAsync"/>; the operation calls this, never the virtual method.</summary>
    internal async Task CancelJobCoreAsync(string jobId, CancellationToken cancellationToken)
    {
        var request = new CosRequest("CancelJob", HttpMethod.Put, "/jobs/" + jobId) { IsIdempotent = true };
        request.AddQuery("cancel", null);
        try
        {
            await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (CosServiceException ex) when (ex.Status is 400 or 409)
        {
            throw new JobCancellationRefusedException(jobId, ex);
        }
    }

    /// <summary>
    /// Waits until a job reaches Success, Failed or Cancel and returns it in that state (it does not throw for Failed).
    /// Polls with a growing interval on the client's clock; Pause is not terminal.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="polling">Intervals and timeout; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (the job itself keeps running).</param>
    /// <exception cref="JobWaitTimeoutException">The job did not complete within <see cref="JobPollingOptions.Timeout"/>.</exception>
    public virtual Task<JobDetail> WaitForCompletionAsync(string jobId, JobPollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        return CosCallScope.RunAsync(
            "JobsClient.WaitForCompletion",
            (Client: this, JobId: jobId, Polling: polling ?? new JobPollingOptions()),
            static (s, ct) => new QualityEstimateOperation(s.Client, s.JobId).WaitForJobAsync(s.Polling, ct),
            cancellationToken);
    }
}
