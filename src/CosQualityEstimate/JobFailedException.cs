using CosQualityEstimate.Models;

namespace CosQualityEstimate;

/// <summary>
/// A job ended without a result: State Failed (with the job's <c>Code</c> and <c>Message</c>) or Cancel.
/// Thrown when a result is asked for (<c>QualityEstimateOperation.Value</c>, <c>EstimateQualityAsync</c>).
/// </summary>
public class JobFailedException : CosServiceException
{
    /// <summary>Creates the exception for a job that ended in Failed or Cancel.</summary>
    /// <param name="job">The final job.</param>
    public JobFailedException(JobDetail job)
        : base(0, job?.Code, BuildMessage(job), null, null)
    {
        Job = job;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public JobFailedException()
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

    private static string BuildMessage(JobDetail? job) => job is null
        ? "The job did not succeed."
        : job.State == JobState.Canceled
            ? $"Job {job.JobId} was cancelled."
            : $"Job {job.JobId} ended in state {job.RawState ?? job.State.ToString()}: {job.Code} {job.Message}".TrimEnd();
}
