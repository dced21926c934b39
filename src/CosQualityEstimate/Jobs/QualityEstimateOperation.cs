using CosQualityEstimate.Http;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// A submitted QualityEstimate job followed to its end, in the shape of Azure's <c>Operation&lt;T&gt;</c>:
/// <see cref="UpdateStatusAsync"/>, <see cref="HasCompleted"/>, <see cref="Value"/>, <see cref="WaitForCompletionAsync(CancellationToken)"/>.
/// Rehydrate one from a saved job id with <see cref="QualityEstimateOperation(JobsClient, string)"/>.
/// </summary>
public class QualityEstimateOperation
{
    private readonly JobsClient? _client;
    private JobDetail? _job;

    /// <summary>For mocking only.</summary>
    protected QualityEstimateOperation()
    {
        Id = string.Empty;
    }

    /// <summary>Rehydrates the operation of an existing job; its state is unknown until <see cref="UpdateStatusAsync"/>.</summary>
    /// <param name="client">The client of the job's bucket.</param>
    /// <param name="jobId">The job id.</param>
    public QualityEstimateOperation(JobsClient client, string jobId)
    {
        ArgumentNullException.ThrowIfNull(client);
        JobIdValidator.Validate(jobId, nameof(jobId));
        _client = client;
        Id = jobId;
    }

    /// <summary>An operation with a known job and no client (model factory): reads work, calls that need the service throw.</summary>
    internal QualityEstimateOperation(JobDetail job)
    {
        _job = job;
        Id = job.JobId;
    }

    internal QualityEstimateOperation(JobsClient client, JobDetail job)
    {
        _client = client;
        _job = job;
        Id = job.JobId;
    }

    /// <summary>The job id.</summary>
    public virtual string Id { get; }

    /// <summary>The job as last seen; <c>null</c> for a rehydrated operation that has not been updated.</summary>
    public virtual JobDetail? LastKnownJob => Volatile.Read(ref _job);

    /// <summary>True once the job reached Success, Failed or Cancel.</summary>
    public virtual bool HasCompleted => LastKnownJob?.HasCompleted ?? false;

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

    private JobsClient Client => _client ?? throw new InvalidOperationException("This operation was created for mocking.");

    /// <summary>Fetches the job's current state once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<JobDetail> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.GetJob", this, static (s, ct) => s.UpdateStatusCoreAsync(ct), cancellationToken);

    /// <summary>One status check through the client's internal describe path (never its virtual <c>GetJobAsync</c>).</summary>
    private async Task<JobDetail> UpdateStatusCoreAsync(CancellationToken cancellationToken)
    {
        var job = await Client.GetJobCoreAsync(Id, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _job, job);
        return job;
    }

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
    /// polls through the internal describe path, never the virtual <see cref="UpdateStatusAsync"/> or <c>GetJobAsync</c>,
    /// so a subclass or mock cannot change how a wait behaves.
    /// </summary>
    internal async Task<QualityEstimateOutcome> WaitCoreAsync(JobPollingOptions polling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(polling);
        if (LastKnownJob is { HasCompleted: true })
        {
            // Already final: the service cannot change it any more, so there is nothing to ask.
            return Value;
        }

        using var activity = CosDiagnostics.ActivitySource.StartActivity("QualityEstimateOperation.WaitForCompletion");
        var job = await JobWaiter.WaitAsync(UpdateStatusCoreAsync, Id, LastKnownJob, polling, Client.Time, Client.Logger, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _job, job);
        return Value;
    }

    /// <summary>Cancels the job (only possible while it is Submitted or Pause).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="JobCancellationRefusedException">The job is already running or finished.</exception>
    public virtual Task CancelAsync(CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync("JobsClient.CancelJob", this, static (s, ct) => s.Client.CancelJobCoreAsync(s.Id, ct), cancellationToken);
}
