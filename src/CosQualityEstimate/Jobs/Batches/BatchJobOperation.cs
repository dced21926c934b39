using CosQualityEstimate.Http;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// A batch followed to its end, in the shape of Azure's <c>Operation&lt;T&gt;</c>: <see cref="UpdateStatusAsync"/>,
/// <see cref="HasCompleted"/>, <see cref="WaitForCompletionAsync"/>. Rehydrate one from a saved batch id with
/// <see cref="BatchJobOperation(BatchJobsClient, string)"/>.
/// </summary>
public class BatchJobOperation
{
    private readonly BatchJobsClient? _client;
    private BatchJobDetail? _batch;

    /// <summary>For mocking only.</summary>
    protected BatchJobOperation()
    {
        Id = string.Empty;
    }

    /// <summary>Rehydrates the operation of an existing batch; its state is unknown until <see cref="UpdateStatusAsync"/>.</summary>
    /// <param name="client">The batch client of the batch's bucket.</param>
    /// <param name="batchId">The batch id.</param>
    public BatchJobOperation(BatchJobsClient client, string batchId)
    {
        ArgumentNullException.ThrowIfNull(client);
        JobIdValidator.Validate(batchId, nameof(batchId));
        _client = client;
        Id = batchId;
    }

    internal BatchJobOperation(BatchJobsClient client, BatchJobDetail batch)
    {
        _client = client;
        _batch = batch;
        Id = batch.JobId;
    }

    /// <summary>The batch id.</summary>
    public virtual string Id { get; }

    /// <summary>The batch as last seen; <c>null</c> for a rehydrated operation that has not been updated.</summary>
    public virtual BatchJobDetail? LastKnownBatch => Volatile.Read(ref _batch);

    /// <summary>True once the batch reached Success, Failed or Cancel.</summary>
    public virtual bool HasCompleted => LastKnownBatch?.HasCompleted ?? false;

    private BatchJobsClient Client => _client ?? throw new InvalidOperationException("This operation was created for mocking.");

    /// <summary>Fetches the batch's current state once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    public virtual Task<BatchJobDetail> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("BatchJobsClient.GetBatch", this, static async (s, ct) =>
        {
            var batch = await s.Client.GetCoreAsync(s.Id, ct).ConfigureAwait(false);
            Volatile.Write(ref s._batch, batch);
            return batch;
        }, cancellationToken);

    /// <summary>Polls as <paramref name="polling"/> says (defaults when <c>null</c>) until the batch ends, and returns it.</summary>
    /// <param name="polling">Intervals and timeout.</param>
    /// <param name="cancellationToken">Cancels the wait (the batch keeps running).</param>
    /// <returns>The ended batch (Success, Failed or Cancel; a failed batch does not throw).</returns>
    /// <exception cref="JobWaitTimeoutException">The batch did not end within the timeout.</exception>
    public virtual Task<BatchJobDetail> WaitForCompletionAsync(JobPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("BatchJobOperation.WaitForCompletion", (Operation: this, Polling: polling ?? new JobPollingOptions()), static async (s, ct) =>
        {
            var batch = await s.Operation.Client.WaitCoreAsync(s.Operation.Id, s.Operation.LastKnownBatch, s.Polling, ct).ConfigureAwait(false);
            Volatile.Write(ref s.Operation._batch, batch);
            return batch;
        }, cancellationToken);

    /// <summary>The QualityEstimate jobs the batch created so far (see <see cref="BatchJobsClient.ListBatchJobsAsync"/>).</summary>
    /// <returns>The jobs.</returns>
    public virtual JobsPageable GetJobsAsync() => Client.ListBatchJobsAsync(Id, LastKnownBatch?.QueueId);

    /// <summary>Cancels the batch: the service cancels its jobs that have not started.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service accepted the cancel.</returns>
    public virtual Task CancelAsync(CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("BatchJobsClient.CancelBatch", this, static (s, ct) => s.Client.CancelCoreAsync(s.Id, ct), cancellationToken);
}
