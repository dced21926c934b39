using CosQualityEstimate.Models;

namespace CosQualityEstimate;

/// <summary>A wait for a job gave up after <c>JobPollingOptions.Timeout</c>. The job still exists and may still finish: keep <see cref="JobId"/>.</summary>
public class JobWaitTimeoutException : CosException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The job waited for.</param>
    /// <param name="lastKnownJob">The job as last seen, if it was seen.</param>
    /// <param name="timeout">The limit that was reached.</param>
    public JobWaitTimeoutException(string jobId, JobDetail? lastKnownJob, TimeSpan timeout)
        : base($"Job {jobId} did not complete within {timeout}; last known state: {lastKnownJob?.RawState ?? "unknown"}. The job still exists; wait again or cancel it with its id.")
    {
        JobId = jobId;
        LastKnownJob = lastKnownJob;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public JobWaitTimeoutException()
    {
        JobId = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobWaitTimeoutException(string message)
        : base(message)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public JobWaitTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>The job waited for.</summary>
    public string JobId { get; }

    /// <summary>The job as last seen, if it was seen.</summary>
    public JobDetail? LastKnownJob { get; }
}
