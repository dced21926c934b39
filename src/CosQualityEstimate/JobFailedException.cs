using CosQualityEstimate.Models;

namespace CosQualityEstimate;

/// <summary>
/// A job ended without a result: State Failed (with the job's <c>Code</c> and <c>Message</c>) or Canceled.
/// This is the job's outcome, not a refusal by the service: it is not a <see cref="CosServiceException"/>.
/// Thrown when a result is asked for (<c>QualityEstimateOperation.Value</c>, <c>EstimateQualityAsync</c>).
/// </summary>
public class JobFailedException : CosException
{
    /// <summary>Creates the exception for a job that ended in Failed or Cancel.</summary>
    /// <param name="job">The final job.</param>
    public JobFailedException(JobDetail job)
        : base(BuildMessage(job))
    {
        Job = job;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public JobFailedException()
        : base("The job did not succeed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public JobFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The final job, with its <see cref="JobDetail.State"/>, <see cref="JobDetail.Code"/> and <see cref="JobDetail.Message"/>.</summary>
    public JobDetail? Job { get; }

    /// <summary>The job id.</summary>
    public string? JobId => Job?.JobId;

    /// <summary>The final state: <see cref="JobState.Failed"/> or <see cref="JobState.Canceled"/>; <see cref="JobState.Unknown"/> when no job is attached.</summary>
    public JobState State => Job?.State ?? JobState.Unknown;

    /// <summary>The job's error code (<c>JobsDetail/Code</c>), for example <c>InvalidInput</c>; <c>null</c> when the service sent none.</summary>
    public string? Code => Job?.Code;

    private static string BuildMessage(JobDetail? job) => job is null
        ? "The job did not succeed."
        : job.State == JobState.Canceled
            ? $"Job {job.JobId} was cancelled."
            : $"Job {job.JobId} ended in state {job.RawState ?? job.State.ToString()}: {job.Code} {job.Message}".TrimEnd();
}
