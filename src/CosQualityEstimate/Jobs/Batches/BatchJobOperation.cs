using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// A batch followed to its end (an <see cref="Operation{T}"/> of <see cref="BatchJobDetail"/>):
/// <see cref="Operation{T}.UpdateStatusAsync"/>, <see cref="Operation{T}.HasCompleted"/>, <see cref="WaitForCompletionAsync"/>,
/// its jobs (<see cref="GetJobsAsync"/>). Rehydrate one from a saved batch id with
/// <see cref="BatchJobOperation(BatchJobsClient, string)"/>.
/// </summary>
public class BatchJobOperation : Operation<BatchJobDetail>
{
    private readonly BatchJobsClient? _client;

    /// <summary>For mocking only.</summary>
    protected BatchJobOperation()
        : base(string.Empty)
    {
    }

    /// <summary>Rehydrates the operation of an existing batch; its state is unknown until <see cref="Operation{T}.UpdateStatusAsync"/>.</summary>
    /// <param name="client">The batch client of the batch's bucket.</param>
    /// <param name="batchId">The batch id.</param>
    public BatchJobOperation(BatchJobsClient client, string batchId)
        : base(Checked(batchId))
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    internal BatchJobOperation(BatchJobsClient client, BatchJobDetail batch)
        : base(batch.JobId)
    {
        Remember(batch);
        _client = client;
    }

    /// <summary>The batch as last seen; <c>null</c> for a rehydrated operation that has not been updated.</summary>
    public virtual BatchJobDetail? LastKnownBatch => base.LastKnown;

    /// <inheritdoc/>
    private protected override BatchJobDetail? LastKnown => LastKnownBatch;

    /// <inheritdoc/>
    private protected override string UpdateActivity => "BatchJobsClient.GetBatch";

    /// <inheritdoc/>
    private protected override string CancelActivity => "BatchJobsClient.CancelBatch";

    /// <inheritdoc/>
    private protected override TimeProvider Time => Client.Time;

    private BatchJobsClient Client => _client ?? throw new InvalidOperationException("This operation was created for mocking.");

    /// <summary>Polls as <paramref name="polling"/> says (defaults when <c>null</c>) until the batch ends, and returns it.</summary>
    /// <param name="polling">Intervals and timeout.</param>
    /// <param name="cancellationToken">Cancels the wait (the batch keeps running).</param>
    /// <returns>The ended batch (Success, Failed or Cancel; a failed batch does not throw).</returns>
    /// <exception cref="JobWaitTimeoutException">The batch did not end within the timeout.</exception>
    public virtual Task<BatchJobDetail> WaitForCompletionAsync(JobPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
        Http.CosCallScope.RunAsync("BatchJobOperation.WaitForCompletion", (Operation: this, Polling: polling ?? new JobPollingOptions()), static (s, ct) => s.Operation.WaitForEndAsync(s.Polling, ct), cancellationToken);

    /// <summary>The QualityEstimate jobs the batch created so far (see <see cref="BatchJobsClient.ListBatchJobsAsync"/>).</summary>
    /// <returns>The jobs.</returns>
    public virtual JobsPageable GetJobsAsync() => Client.ListBatchJobsAsync(Id, LastKnownBatch?.QueueId);

    /// <summary>The wait of <see cref="BatchJobsClient.WaitForCompletionAsync"/>.</summary>
    internal Task<BatchJobDetail> WaitForBatchAsync(JobPollingOptions polling, CancellationToken cancellationToken) => WaitForEndAsync(polling, cancellationToken);

    /// <inheritdoc/>
    private protected override bool IsCompleted(BatchJobDetail value) => value.HasCompleted;

    /// <inheritdoc/>
    private protected override Task<BatchJobDetail> FetchAsync(CancellationToken cancellationToken) => Client.GetCoreAsync(Id, cancellationToken);

    /// <inheritdoc/>
    private protected override Task CancelCoreAsync(CancellationToken cancellationToken) => Client.CancelCoreAsync(Id, cancellationToken);

    /// <inheritdoc/>
    private protected override Exception TimedOut(BatchJobDetail? last, TimeSpan timeout) => new JobWaitTimeoutException(Id, null, timeout);

    private static string Checked(string batchId)
    {
        JobIdValidator.Validate(batchId, nameof(batchId));
        return batchId;
    }
}
