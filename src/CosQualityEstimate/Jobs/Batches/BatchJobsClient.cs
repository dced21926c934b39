using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// The service's batch processing jobs (<c>/inventorytriggerjob</c>, "inventory trigger jobs") for QualityEstimate: the
/// service itself fans a batch out over the objects under a prefix (or in a manifest or URL file) into ordinary
/// QualityEstimate jobs. Get one from <see cref="JobsClient.Batches"/>: it sends through the same pipeline (signer,
/// retries, timeouts, activities, typed errors) as its <see cref="JobsClient"/>. Thread-safe.
/// </summary>
public class BatchJobsClient
{
    private readonly JobsClient? _owner;
    private readonly Func<CosHttpPipeline>? _pipeline;
    private readonly CosRetryOptions _retry = new();

    /// <summary>For mocking only: every member of a client built this way throws.</summary>
    protected BatchJobsClient()
    {
    }

    internal BatchJobsClient(JobsClient owner, Func<CosHttpPipeline> pipeline, CosRetryOptions retry)
    {
        _owner = owner;
        _pipeline = pipeline;
        _retry = retry;
    }

    private JobsClient Owner => _owner ?? throw new InvalidOperationException("This BatchJobsClient was created for mocking and cannot send requests.");

    private CosHttpPipeline Pipeline => (_pipeline ?? throw new InvalidOperationException("This BatchJobsClient was created for mocking and cannot send requests."))();

    /// <summary>
    /// Creates a QualityEstimate batch (<c>POST /inventorytriggerjob</c>). The request is validated before anything is sent.
    /// A create costs money and is not idempotent: it is resent only when the attempt provably never reached the service,
    /// or after a look-up by its unique <see cref="QualityEstimateBatchRequest.Name"/> proved that no batch was created.
    /// </summary>
    /// <param name="request">The batch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created batch.</returns>
    /// <exception cref="ArgumentException">The request breaks a rule; the parameter name says which field.</exception>
    /// <exception cref="SubmitOutcomeUnknownException">The outcome could not be determined; nothing was resent (<see cref="SubmitOutcomeUnknownException.BatchName"/> names the batch, <see cref="SubmitOutcomeUnknownException.ProbablyCreated"/> says whether the service answered with success).</exception>
    /// <exception cref="CosResponseFormatException">The answer was unreadable but named the batch (<see cref="CosResponseFormatException.JobId"/>), which could not be read back: it exists.</exception>
    /// <exception cref="CosServiceException">The service refused the request.</exception>
    public virtual Task<BatchJobDetail> CreateQualityEstimateBatchAsync(QualityEstimateBatchRequest request, CancellationToken cancellationToken = default)
    {
        BatchJobRequestValidator.Validate(request);
        return CosCallScope.RunAsync("BatchJobsClient.CreateQualityEstimateBatch", (Client: this, Request: request), static (s, ct) => s.Client.CreateCoreAsync(s.Request, ct), cancellationToken);
    }

    /// <summary>Creates a QualityEstimate batch and returns an operation that follows it to its end.</summary>
    /// <param name="request">The batch.</param>
    /// <param name="cancellationToken">Cancels the create.</param>
    /// <returns>The operation.</returns>
    public virtual Task<BatchJobOperation> StartQualityEstimateBatchAsync(QualityEstimateBatchRequest request, CancellationToken cancellationToken = default)
    {
        BatchJobRequestValidator.Validate(request);
        return CosCallScope.RunAsync(
            "BatchJobsClient.StartQualityEstimateBatch",
            (Client: this, Request: request),
            static async (s, ct) => new BatchJobOperation(s.Client, await s.Client.CreateCoreAsync(s.Request, ct).ConfigureAwait(false)),
            cancellationToken);
    }

    /// <summary>Describes one batch (<c>GET /inventorytriggerjob/&lt;id&gt;</c>).</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="JobNotFoundException">The service does not know the batch (<c>NonExistJobIds</c>).</exception>
    public virtual Task<BatchJobDetail> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(batchId, nameof(batchId));
        return CosCallScope.RunAsync("BatchJobsClient.GetBatch", (Client: this, Id: batchId), static (s, ct) => s.Client.GetCoreAsync(s.Id, ct), cancellationToken);
    }

    /// <summary>Lists batches (<c>GET /inventorytriggerjob?…</c>) across pages, following <c>NextToken</c>.</summary>
    /// <param name="options">Filters and page size; all batches, newest first, 10 per page when <c>null</c>.</param>
    /// <returns>The listing.</returns>
    /// <exception cref="ArgumentException">An option is invalid (page size outside 1–100, end before start, a bad name).</exception>
    public virtual AsyncPageable<BatchJobDetail> ListBatchesAsync(ListBatchJobsOptions? options = null)
    {
        var filters = options ?? new ListBatchJobsOptions();
        ListBatchJobsRequest.Validate(filters);
        return new AsyncPageable<BatchJobDetail>((token, ct) => CosCallScope.RunAsync("BatchJobsClient.GetBatchesPage", (Client: this, Options: filters, Token: token), static (s, c) => s.Client.GetPageCoreAsync(s.Options, s.Token, c), ct));
    }

    /// <summary>
    /// Finds the batch named <paramref name="name"/> created since <paramref name="since"/> (newest first), or <c>null</c>.
    /// Use it before creating a batch again after a crash or a <see cref="SubmitOutcomeUnknownException"/>.
    /// </summary>
    /// <param name="name">The batch name.</param>
    /// <param name="since">The earliest creation time to look at; <c>null</c> for any.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch, or <c>null</c>.</returns>
    public virtual Task<BatchJobDetail?> FindBatchByNameAsync(string name, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        BatchJobRequestValidator.ValidateName(name, nameof(name));
        return CosCallScope.RunAsync("BatchJobsClient.FindBatchByName", (Client: this, Name: name, Since: since), static (s, ct) => VerifyByLookup.FindAsync(new BatchCreateLookup(s.Client, s.Name), s.Since, int.MaxValue, ct), cancellationToken);
    }

    /// <summary>Cancels a batch (<c>PUT /inventorytriggerjob/&lt;id&gt;?cancel</c>): the service cancels its jobs that have not started.</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service accepted the cancel.</returns>
    /// <exception cref="JobCancellationRefusedException">The service refused: the batch has already ended.</exception>
    public virtual Task CancelBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(batchId, nameof(batchId));
        return CosCallScope.RunAsync("BatchJobsClient.CancelBatch", (Client: this, Id: batchId), static (s, ct) => s.Client.CancelCoreAsync(s.Id, ct), cancellationToken);
    }

    /// <summary>Waits until a batch reaches Success, Failed or Cancel and returns it (it does not throw for Failed).</summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="polling">Intervals and timeout; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (the batch keeps running).</param>
    /// <returns>The ended batch.</returns>
    /// <exception cref="JobWaitTimeoutException">The batch did not end within <see cref="JobPollingOptions.Timeout"/>.</exception>
    public virtual Task<BatchJobDetail> WaitForCompletionAsync(string batchId, JobPollingOptions? polling = null, CancellationToken cancellationToken = default)
    {
        JobIdValidator.Validate(batchId, nameof(batchId));
        return CosCallScope.RunAsync("BatchJobsClient.WaitForCompletion", (Client: this, Id: batchId, Polling: polling ?? new JobPollingOptions()), static (s, ct) => new BatchJobOperation(s.Client, s.Id).WaitForBatchAsync(s.Polling, ct), cancellationToken);
    }

    /// <summary>
    /// The QualityEstimate jobs a batch created (<c>GET /jobs?tag=QualityEstimate&amp;queueId=&lt;queue&gt;&amp;inventoryTriggerJobId=&lt;id&gt;</c>,
    /// oldest first, 100 per page), across pages.
    /// </summary>
    /// <param name="batchId">The batch id.</param>
    /// <param name="queueId">
    /// The queue the batch's jobs run in (<c>queueId</c>, which the service requires for this listing); <c>null</c> reads it
    /// from the batch (<see cref="BatchJobDetail.QueueId"/>, one <see cref="GetBatchAsync"/> before the first page).
    /// </param>
    /// <returns>The jobs; use <see cref="JobsPageable.AsPages"/> for pages and continuation tokens.</returns>
    public virtual JobsPageable ListBatchJobsAsync(string batchId, string? queueId = null)
    {
        JobIdValidator.Validate(batchId, nameof(batchId));
        var options = new ListJobsOptions { InventoryTriggerJobId = batchId, QueueId = queueId, PageSize = ListJobsOptions.MaxPageSize, Order = JobSortOrder.Ascending };
        _ = Owner;
        return new JobsPageable((token, ct) => CosCallScope.RunAsync("BatchJobsClient.GetBatchJobsPage", (Client: this, Token: token), async (s, c) =>
        {
            if (string.IsNullOrEmpty(options.QueueId))
            {
                options = new ListJobsOptions { InventoryTriggerJobId = batchId, QueueId = (await s.Client.GetCoreAsync(batchId, c).ConfigureAwait(false)).QueueId, PageSize = ListJobsOptions.MaxPageSize, Order = JobSortOrder.Ascending };
            }

            return await s.Client.Owner.GetJobsPageCoreAsync(options, s.Token, c).ConfigureAwait(false);
        }, ct));
    }

    internal TimeProvider Time => Owner.Time;

    internal async Task<BatchJobDetail> CreateCoreAsync(QualityEstimateBatchRequest request, CancellationToken cancellationToken)
    {
        var body = BatchJobRequestWriter.Write(request);
        var startedLocal = Time.GetUtcNow();
        return await AmbiguousPost.SendAsync(
            (Client: this, Body: body, request.Name, Started: startedLocal),
            static (s, ct) => s.Client.SendCreateAsync(s.Body, ct),
            static async (s, ex, resend, ct) =>
            {
                var found = await VerifyByLookup.VerifyAsync(new BatchCreateLookup(s.Client, s.Name), ex, resend, s.Client.Owner.ToServiceClock(s.Started), s.Client._retry, s.Client.Time, ct).ConfigureAwait(false);
                return found is null ? PostCheck<BatchJobDetail>.NotApplied : PostCheck<BatchJobDetail>.Done(found);
            },
            null,
            cancellationToken).ConfigureAwait(false);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<BatchJobDetail> SendCreateAsync(byte[] body, CancellationToken cancellationToken)
    {
        var request = new CosRequest("CreateBatch", HttpMethod.Post, "/inventorytriggerjob") { Body = body, IsIdempotent = false };
        var response = await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var parsed = BatchJobsResponseParser.Parse(response);
        if (parsed.JobsDetail.Count == 0 || string.IsNullOrWhiteSpace(parsed.JobsDetail[0].JobId))
        {
            throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, "the create response has no JobsDetail/JobId.");
        }

        return BatchJobDetailConverter.ToPublic(parsed.JobsDetail[0], response.RequestId);
    }

    internal async Task<BatchJobDetail> GetCoreAsync(string batchId, CancellationToken cancellationToken)
    {
        var request = new CosRequest("GetBatch", HttpMethod.Get, "/inventorytriggerjob/" + batchId) { IsIdempotent = true };
        var (response, parsed) = await Pipeline.SendAsync(request, BatchJobsResponseParser.ParseWithResponse, cancellationToken).ConfigureAwait(false);
        foreach (var wire in parsed.JobsDetail)
        {
            if (string.Equals(wire.JobId?.Trim(), batchId, StringComparison.Ordinal))
            {
                return BatchJobDetailConverter.ToPublic(wire, response.RequestId);
            }
        }

        if (parsed.JobsDetail.Count == 0 || BatchJobDetailConverter.NonExistentIds(parsed).Count > 0)
        {
            throw new JobNotFoundException(batchId, response.Status, response.RequestId);
        }

        throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(response.Body), null, $"the response does not describe batch {batchId}.");
    }

    internal async Task<Page<BatchJobDetail>> GetPageCoreAsync(ListBatchJobsOptions options, string? continuationToken, CancellationToken cancellationToken)
    {
        var request = ListBatchJobsRequest.Create(options, continuationToken);
        var (response, parsed) = await Pipeline.SendAsync(request, BatchJobsResponseParser.ParseWithResponse, cancellationToken).ConfigureAwait(false);
        var batches = new List<BatchJobDetail>(parsed.JobsDetail.Count);
        foreach (var wire in parsed.JobsDetail)
        {
            batches.Add(BatchJobDetailConverter.ToPublic(wire, response.RequestId));
        }

        return new Page<BatchJobDetail>(batches, parsed.NextToken?.Trim(), response.RequestId);
    }

    internal async Task CancelCoreAsync(string batchId, CancellationToken cancellationToken)
    {
        var request = new CosRequest("CancelBatch", HttpMethod.Put, "/inventorytriggerjob/" + batchId) { IsIdempotent = true };
        request.AddQuery("cancel", null);
        try
        {
            await Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (CosServiceException ex) when (ex.Status is 400 or 409)
        {
            throw new JobCancellationRefusedException(batchId, ex);
        }
    }
}
