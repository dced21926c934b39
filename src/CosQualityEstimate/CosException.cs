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
}
