namespace CosQualityEstimate;

/// <summary>
/// The base of every exception this library throws, except argument validation (<see cref="ArgumentException"/> and
/// its subclasses, raised before anything is sent) and cancellation (<see cref="OperationCanceledException"/> when the
/// caller's token fired). <c>catch (CosException)</c> means "the call did not do what was asked"; catch a subclass to
/// know why (see <c>docs/errors-and-retries.md</c>):
/// <list type="bullet">
/// <item><see cref="CosServiceException"/>: the service answered with an error.</item>
/// <item><see cref="CosTransportException"/>: no usable answer arrived (connection failure, reset, timeout) after the retries.</item>
/// <item><see cref="CosResponseFormatException"/>: an answer arrived but could not be read.</item>
/// <item><see cref="SubmitOutcomeUnknownException"/>: a submit may or may not have created a job.</item>
/// <item><see cref="JobFailedException"/>: the job itself ended Failed or Canceled.</item>
/// <item><see cref="JobWaitTimeoutException"/>: a wait gave up; the job may still finish.</item>
/// <item><see cref="JobCallbackFormatException"/>: a callback body could not be read.</item>
/// <item><see cref="CosCredentialUnavailableException"/>: no credential could be obtained.</item>
/// </list>
/// Whatever the type, <see cref="IsTransient"/> says whether the same call may succeed later (and
/// <see cref="CosServiceException.IsThrottling"/> whether the service provably did not process it).
/// </summary>
public abstract class CosException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    protected CosException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    protected CosException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, kept as <see cref="Exception.InnerException"/>.</param>
    protected CosException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// <see langword="true"/> when the same call may succeed if made again later, after the library's own retries ran
    /// out: throttling or a server error (<see cref="CosServiceException"/> 429, 408, 500, 502, 503, 504 or a code such
    /// as <c>SlowDown</c> or <c>ServiceUnavailable</c>), a <see cref="CosTransportException"/>, a
    /// <see cref="CosResponseFormatException"/>, a <see cref="SubmitOutcomeUnknownException"/>, a
    /// <see cref="JobWaitTimeoutException"/> or a <see cref="CosDataIntegrityException"/>. <see langword="false"/> for
    /// refusals (authentication, authorization, quota, invalid argument, not found, cancellation refused), a
    /// <see cref="JobFailedException"/>, a <see cref="CosCredentialUnavailableException"/> and a
    /// <see cref="JobCallbackFormatException"/>. A transient failure of a submit does not say whether a job was created:
    /// see <c>docs/errors-and-retries.md</c>.
    /// </summary>
    public bool IsTransient => FailureRules.IsTransient(this);
}
