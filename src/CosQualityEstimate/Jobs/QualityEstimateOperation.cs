using CosQualityEstimate.Http;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// A submitted QualityEstimate job followed to its end, in the shape of Azure's <c>Operation&lt;T&gt;</c>:
/// <see cref="Operation{T}.UpdateStatusAsync"/>, <see cref="Operation{T}.HasCompleted"/>, <see cref="Value"/>, <see cref="WaitForCompletionAsync(CancellationToken)"/>.
/// Rehydrate one from a saved job id with <see cref="QualityEstimateOperation(JobsClient, string)"/>.
/// </summary>
public class QualityEstimateOperation : Operation<JobDetail>
{
    private readonly JobsClient? _client;

    /// <summary>For mocking only.</summary>
    protected QualityEstimateOperation()
        : base(string.Empty)
    {
    }

    /// <summary>Rehydrates the operation of an existing job; its state is unknown until <see cref="Operation{T}.UpdateStatusAsync"/>.</summary>
    /// <param name="client">The client of the job's bucket.</param>
    /// <param name="jobId">The job id.</param>
    public QualityEstimateOperation(JobsClient client, string jobId)
        : base(Checked(jobId))
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>An operation with a known job and no client (model factory): reads work, calls that need the service throw.</summary>
    internal QualityEstimateOperation(JobDetail job)
        : base(job.JobId)
    {
        Remember(job);
    }

    internal QualityEstimateOperation(JobsClient client, JobDetail job)
        : base(job.JobId)
    {
        Remember(job);
        _client = client;
    }

    /// <summary>The job as last seen; <c>null</c> for a rehydrated operation that has not been updated.</summary>
    public virtual JobDetail? LastKnownJob => base.LastKnown;

    /// <summary>True once the job succeeded.</summary>
    public virtual bool HasValue => LastKnownJob?.State == JobState.Success;

    /// <summary>The outcome of a succeeded job.</summary>
    /// <exception cref="InvalidOperationException">The job has not completed yet.</exception>
    /// <exception cref="JobFailedException">The job ended in Failed (with its Code and Message) or Cancel.</exception>
    public virtual QualityEstimateOutcome Value
    {
        get
        {
            var job = LastKnownJob;
            if (job is null || !job.HasCompleted)
            {
                throw new InvalidOperationException($"Job {Id} has not completed yet; call UpdateStatusAsync or WaitForCompletionAsync.");
            }

            return job.State == JobState.Success ? new QualityEstimateOutcome(job) : throw new JobFailedException(job);
        }
    }

    /// <inheritdoc/>
    private protected override JobDetail? LastKnown => LastKnownJob;

    /// <inheritdoc/>
    private protected override string UpdateActivity => "JobsClient.GetJob";

    /// <inheritdoc/>
    private protected override string CancelActivity => "JobsClient.CancelJob";

    /// <inheritdoc/>
    private protected override TimeProvider Time => Client.Time;

    private JobsClient Client => _client ?? throw new InvalidOperationException("This operation was created for mocking.");

    /// <summary>Polls with the default <see cref="JobPollingOptions"/> until the job completes.</summary>
    /// <param name="cancellationToken">Cancels the wait (the job itself keeps running).</param>
    /// <exception cref="JobFailedException">The job ended in Failed or Cancel.</exception>
    /// <exception cref="JobWaitTimeoutException">The job did not complete within the timeout.</exception>
    public virtual Task<QualityEstimateOutcome> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitCoreAsync(new JobPollingOptions(), cancellationToken);

    /// <summary>Polls at a fixed interval until the job completes (default timeout).</summary>
    /// <param name="pollingInterval">Time between status checks.</param>
    /// <param name="cancellationToken">Cancels the wait (the job itself keeps running).</param>
    public virtual Task<QualityEstimateOutcome> WaitForCompletionAsync(TimeSpan pollingInterval, CancellationToken cancellationToken = default) =>
        WaitCoreAsync(new JobPollingOptions { InitialInterval = pollingInterval, MaxInterval = pollingInterval, BackoffFactor = 1 }, cancellationToken);

    /// <summary>Polls as <paramref name="polling"/> says until the job completes.</summary>
    /// <param name="polling">Intervals and timeout.</param>
    /// <param name="cancellationToken">Cancels the wait (the job itself keeps running).</param>
    public virtual Task<QualityEstimateOutcome> WaitForCompletionAsync(JobPollingOptions polling, CancellationToken cancellationToken = default) =>
        WaitCoreAsync(polling, cancellationToken);

    /// <summary>
    /// The wait behind every <c>WaitForCompletionAsync</c> overload and <see cref="JobsClient.EstimateQualityAsync"/>:
    /// polls through the internal describe path, never the virtual <see cref="Operation{T}.UpdateStatusAsync"/> or <c>GetJobAsync</c>,
    /// so a subclass or mock cannot change how a wait behaves.
    /// </summary>
    internal async Task<QualityEstimateOutcome> WaitCoreAsync(JobPollingOptions polling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(polling);
        if (LastKnownJob is { HasCompleted: true })
        {
            return Value;
        }

        using var activity = CosDiagnostics.ActivitySource.StartActivity("QualityEstimateOperation.WaitForCompletion");
        await WaitForEndAsync(polling, cancellationToken).ConfigureAwait(false);
        return Value;
    }

    /// <summary>The wait of <see cref="JobsClient.WaitForCompletionAsync(string, JobPollingOptions?, CancellationToken)"/>: the final job, Failed included.</summary>
    internal Task<JobDetail> WaitForJobAsync(JobPollingOptions polling, CancellationToken cancellationToken) => WaitForEndAsync(polling, cancellationToken);

    /// <inheritdoc/>
    private protected override bool IsCompleted(JobDetail value) => value.HasCompleted;

    /// <inheritdoc/>
    private protected override Task<JobDetail> FetchAsync(CancellationToken cancellationToken) => Client.GetJobCoreAsync(Id, cancellationToken);

    /// <inheritdoc/>
    private protected override Task CancelCoreAsync(CancellationToken cancellationToken) => Client.CancelJobCoreAsync(Id, cancellationToken);

    /// <inheritdoc/>
    private protected override Exception TimedOut(JobDetail? last, TimeSpan timeout) => new JobWaitTimeoutException(Id, last, timeout);

    /// <inheritdoc/>
    private protected override void OnCompleted(JobDetail value)
    {
        var state = value.RawState ?? value.State.ToString();
        Log.JobCompleted(Client.Logger, value.JobId, state);
        CosDiagnostics.JobsCompleted.Add(1, new KeyValuePair<string, object?>("state", state));
    }

    private static string Checked(string jobId)
    {
        JobIdValidator.Validate(jobId, nameof(jobId));
        return jobId;
    }
}
