namespace CosQualityEstimate;

/// <summary>
/// The service refused to cancel a job. Only jobs that have not started (Submitted or Pause) can be cancelled;
/// a Running or finished job cannot. <see cref="CosServiceException.ErrorCode"/> and
/// <see cref="CosServiceException.ServiceMessage"/> carry the service's reason.
/// </summary>
public class JobCancellationRefusedException : CosServiceException
{
    /// <summary>Creates the exception from the service's refusal.</summary>
    /// <param name="jobId">The job that was not cancelled.</param>
    /// <param name="refusal">The service error.</param>
    public JobCancellationRefusedException(string jobId, CosServiceException refusal)
        : base(refusal?.Status ?? 0, refusal?.ErrorCode, $"Job {jobId} was not cancelled: only Submitted or Pause jobs can be cancelled. Service said: {refusal?.ServiceMessage}", refusal?.RequestId, refusal?.TraceId, refusal)
    {
        JobId = jobId;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public JobCancellationRefusedException()
    {
        JobId = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobCancellationRefusedException(string message)
        : base(message)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public JobCancellationRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>The job that was not cancelled.</summary>
    public string JobId { get; }
}
