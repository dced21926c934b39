namespace CosQualityEstimate;

/// <summary>
/// A submit failed in a way that does not tell whether the service created the job (timeout or connection reset after
/// the request was sent, 5xx, unreadable answer), and the client could not prove either way, so it did NOT resend
/// (a resend could create and bill a second job). With <c>JobsClientOptions.UseClientTokens</c> or a
/// <c>ClientToken</c> on the request, the client reconciles such failures itself; without one, list recent jobs for
/// <see cref="ObjectKey"/> (<c>JobsClient.ListJobsAsync</c> with <c>InputObject</c>) before submitting again. A batch create
/// (<c>BatchJobsClient.CreateQualityEstimateBatchAsync</c>) throws it too, with <see cref="BatchName"/>: look the batch up
/// by that name (<c>FindBatchByNameAsync</c>) before creating it again. <see cref="ProbablyCreated"/> says whether the
/// service answered with success (a job or batch then almost certainly exists).
/// </summary>
public class SubmitOutcomeUnknownException : CosException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="objectKey">The input object of the submit.</param>
    /// <param name="clientToken">The client token the submit carried, if any.</param>
    /// <param name="reason">Why the outcome is unknown.</param>
    /// <param name="innerException">The failure of the last attempt.</param>
    public SubmitOutcomeUnknownException(string objectKey, string? clientToken, string reason, Exception? innerException)
        : base(
            $"The submit for {objectKey} may or may not have created a job: {reason} It was not resent, to avoid a duplicate (billed) job."
                + (clientToken is null ? " Enable JobsClientOptions.UseClientTokens to let the client reconcile this automatically." : $" Client token: {clientToken}.")
                + (Describe(innerException) is { } inner ? " " + inner : string.Empty),
            innerException)
    {
        ObjectKey = objectKey;
        ClientToken = clientToken;
        var answer = LastAnswer(innerException);
        Status = answer.Status;
        RequestId = answer.RequestId;
    }

    /// <summary>Creates an empty exception (for mocking).</summary>
    public SubmitOutcomeUnknownException()
    {
        ObjectKey = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SubmitOutcomeUnknownException(string message)
        : base(message)
    {
        ObjectKey = string.Empty;
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public SubmitOutcomeUnknownException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ObjectKey = string.Empty;
    }

    private SubmitOutcomeUnknownException(string batchName, string reason, Exception innerException, bool probablyCreated)
        : base(
            $"The create of batch {batchName} may or may not have created a batch: {reason} It was not resent, to avoid a duplicate (billed) batch; look it up by name before creating it again."
                + (Describe(innerException) is { } inner ? " " + inner : string.Empty),
            innerException)
    {
        ObjectKey = string.Empty;
        BatchName = batchName;
        ProbablyCreated = probablyCreated;
        var answer = LastAnswer(innerException);
        Status = answer.Status;
        RequestId = answer.RequestId;
    }

    /// <summary>The input object of the submit; empty for a batch create (see <see cref="BatchName"/>).</summary>
    public string ObjectKey { get; }

    /// <summary>
    /// The service answered with success (2xx) but unreadably and no look-up found the job or batch yet: it was then
    /// almost certainly created, so never create it again; look it up later. <see langword="false"/> when no answer
    /// arrived or the answer was an error (5xx): then nothing is known either way.
    /// </summary>
    public bool ProbablyCreated { get; init; }

    /// <summary>The <c>Name</c> of the batch whose create has an unknown outcome; <see langword="null"/> for a job submit.</summary>
    public string? BatchName { get; init; }

    /// <summary>
    /// HTTP status of the last answer the submit got (for example 500, or 200 with an unreadable body); 0 when no answer
    /// arrived (timeout, reset). The answer itself is <see cref="Exception.InnerException"/>.
    /// </summary>
    public int Status { get; }

    /// <summary>The request id of the last answer, if one arrived; quote it to Tencent Cloud support.</summary>
    public string? RequestId { get; }

    /// <summary>The error of a batch create whose outcome is unknown.</summary>
    internal static SubmitOutcomeUnknownException ForBatch(string batchName, string reason, Exception innerException, bool probablyCreated) =>
        new(batchName, reason, innerException, probablyCreated);

    private static (int Status, string? RequestId) LastAnswer(Exception? exception) => exception switch
    {
        CosServiceException service => (service.Status, service.RequestId),
        CosResponseFormatException format => (format.Status, format.RequestId),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => LastAnswer(aggregate.InnerExceptions[0]),
        _ => (0, null),
    };

    /// <summary>The message of the first of our exceptions among the causes (the service's answer, a format problem).</summary>
    private static string? Describe(Exception? exception) => exception switch
    {
        CosException ours => ours.Message,
        AggregateException aggregate => aggregate.InnerExceptions.OfType<CosException>().FirstOrDefault()?.Message,
        _ => null,
    };

    /// <summary>The client token the submit carried; a job whose <c>JobDetail.ClientToken</c> equals it was created by this submit.</summary>
    public string? ClientToken { get; }
}
