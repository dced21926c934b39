namespace CosQualityEstimate;

/// <summary>The service does not know the job id (it reported it in <c>NonExistJobIds</c>).</summary>
public class JobNotFoundException : CosServiceException
{
    /// <summary>The error code this library reports for an unknown job.</summary>
    public const string NonExistJobIdsCode = "NonExistJobIds";

    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The unknown job id.</param>
    /// <param name="status">HTTP status of the response that reported it.</param>
    /// <param name="requestId">The request id of that response.</param>
    public JobNotFoundException(string jobId, int status, string? requestId)
        : base(status, NonExistJobIdsCode, $"The service does not know job {jobId}.", requestId, null)
    {
        JobId = jobId;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public JobNotFoundException()
    {
        JobId = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobNotFoundException(string message)
        : base(message)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public JobNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>The job id the service does not know.</summary>
    public string JobId { get; }
}
