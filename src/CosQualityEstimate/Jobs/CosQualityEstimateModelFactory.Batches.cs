using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

// Batch processing jobs (/inventorytriggerjob).
public static partial class CosQualityEstimateModelFactory
{
    /// <summary>Builds a <see cref="Models.BatchJobDetail"/>.</summary>
    /// <param name="jobId">The batch id.</param>
    /// <param name="name">The batch name.</param>
    /// <param name="state">The state.</param>
    /// <param name="rawState">The state's text as the service would send it.</param>
    /// <param name="type">The batch type (<c>Job</c>).</param>
    /// <param name="tag">The job type it creates.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">The error description.</param>
    /// <param name="progress">The progress text.</param>
    /// <param name="queueId">The queue id.</param>
    /// <param name="creationTime">When the batch was created.</param>
    /// <param name="startTime">When the batch started.</param>
    /// <param name="endTime">When the batch ended.</param>
    /// <param name="input">The input.</param>
    /// <param name="userData">The user data.</param>
    /// <param name="requestId">The request id of the response the batch was read from.</param>
    /// <returns>The batch.</returns>
    public static BatchJobDetail BatchJobDetail(
        string jobId = "",
        string? name = null,
        JobState state = default,
        string? rawState = null,
        string? type = null,
        string? tag = null,
        string? code = null,
        string? message = null,
        string? progress = null,
        string? queueId = null,
        DateTimeOffset? creationTime = null,
        DateTimeOffset? startTime = null,
        DateTimeOffset? endTime = null,
        BatchJobInput? input = null,
        string? userData = null,
        string? requestId = null) => new()
    {
        JobId = jobId,
        Name = name,
        State = state,
        RawState = rawState,
        Type = type,
        Tag = tag,
        Code = code,
        Message = message,
        Progress = progress,
        QueueId = queueId,
        CreationTime = creationTime,
        StartTime = startTime,
        EndTime = endTime,
        Input = input,
        UserData = userData,
        RequestId = requestId,
    };

    /// <summary>Builds a <see cref="Jobs.BatchJobOperation"/> for a known batch, without a client: reads work, calls that need the service throw.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>The operation.</returns>
    public static BatchJobOperation BatchJobOperation(BatchJobDetail batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new ModelOperation(batch);
    }

    private sealed class ModelOperation : BatchJobOperation
    {
        private readonly BatchJobDetail _batch;

        internal ModelOperation(BatchJobDetail batch) => _batch = batch;

        public override string Id => _batch.JobId;

        public override BatchJobDetail? LastKnownBatch => _batch;
    }
}
