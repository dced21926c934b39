using System.Net.Http;
using System.Net.Sockets;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli;

/// <summary>What a failure means to <c>cosqe</c>: one class decides both the exit code and what a batch does with the key.</summary>
internal enum FailureClass
{
    /// <summary>The user's mistake (usage, input, missing credential, local file): nothing was sent. Exit 2; a batch records the key Rejected.</summary>
    BadInput,

    /// <summary>A job ended Failed or Canceled. Exit 1.</summary>
    JobFailed,

    /// <summary>The service refused this request for its input alone (400, 404, 409, 412; no job was created). Exit 3; a batch records the key Rejected and goes on.</summary>
    InputRefused,

    /// <summary>A real refusal: authentication, authorization, quota, job not found, cancellation refused. Exit 3; a batch stops.</summary>
    Refused,

    /// <summary>A server error or throttling that outlasted the library's retries (<see cref="CosException.IsTransient"/>). Exit 4; a batch stops sending.</summary>
    Unavailable,

    /// <summary>No usable answer (transport failure, timeout, unreadable answer, unknown submit outcome, a wait that gave up). Exit 4; a batch keeps the key in doubt.</summary>
    OutcomeUnknown,

    /// <summary>The user stopped the run. Exit 130.</summary>
    Interrupted,
}

/// <summary>
/// The one table from exceptions to <see cref="FailureClass"/> (built on the library's <see cref="CosException.IsTransient"/>
/// and <see cref="CosServiceException.IsThrottling"/>), and from a class to its exit code. Every command and the batch ask
/// here; nothing else in the CLI inspects a status code or an error code.
/// </summary>
internal static class FailureTable
{
    /// <summary>The class of <paramref name="exception"/>.</summary>
    public static FailureClass Classify(Exception exception) => exception switch
    {
        CliUsageException or CosCredentialUnavailableException or ArgumentException => FailureClass.BadInput,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => FailureClass.BadInput,
        JobFailedException => FailureClass.JobFailed,
        CosServiceException { IsTransient: true } => FailureClass.Unavailable,
        JobNotFoundException or JobCancellationRefusedException => FailureClass.Refused,
        // Not an answer about the key: the endpoint is no COS/CI service (a batch must not record every key Rejected).
        CosServiceException when IsNotCosEndpoint(exception) => FailureClass.Refused,
        CosServiceException { Status: 400 or 404 or 409 or 412 } => FailureClass.InputRefused,
        CosServiceException => FailureClass.Refused,
        CosException or HttpRequestException or SocketException or TimeoutException or IOException => FailureClass.OutcomeUnknown,
        OperationCanceledException => FailureClass.Interrupted,
        _ => FailureClass.OutcomeUnknown,
    };

    /// <summary>A refusal of one request for its input alone (<see cref="FailureClass.InputRefused"/>), e.g. a snapshot
    /// time past the end of the video.</summary>
    public static bool IsRefusedForInput(Exception exception) => Classify(exception) == FailureClass.InputRefused;

    /// <summary>The service said the object is not in the bucket (an input refusal with 404, e.g. <c>NoSuchKey</c>).</summary>
    public static bool IsMissingObject(Exception exception) =>
        exception is CosServiceException { Status: 404 } && Classify(exception) == FailureClass.InputRefused;

    /// <summary>
    /// True when the answer could not have come from COS/CI: an error status (not throttling, not a transient 5xx, which
    /// a gateway in front of the service also gives) with no COS <c>&lt;Error&gt;</c> code and no request id (COS and CI put
    /// one on every answer) — an empty 404 or an HTML page from a proxy or web server — or a success answer that is an HTML
    /// page. The usual cause is a wrong <c>--endpoint</c>/<c>COS_ENDPOINT</c>.
    /// </summary>
    public static bool IsNotCosEndpoint(Exception exception) => exception switch
    {
        CosServiceException { ErrorCode: null, RequestId: null, Status: >= 400 and not 429, IsTransient: false } => true,
        CosResponseFormatException { RequestId: null } format => LooksLikeHtml(format.BodyPreview),
        _ => false,
    };

    /// <summary>True when a body preview is an HTML page.</summary>
    internal static bool LooksLikeHtml(string? preview) =>
        preview is not null
        && (preview.Contains("<html", StringComparison.OrdinalIgnoreCase) || preview.Contains("<!doctype", StringComparison.OrdinalIgnoreCase));

    /// <summary>The documented exit code of a class (docs/cli.md "Exit codes").</summary>
    public static int ExitCode(FailureClass failure) => failure switch
    {
        FailureClass.BadInput => ExitCodes.BadInput,
        FailureClass.JobFailed => ExitCodes.JobFailed,
        FailureClass.InputRefused or FailureClass.Refused => ExitCodes.ServiceRefused,
        FailureClass.Interrupted => ExitCodes.Interrupted,
        _ => ExitCodes.OutcomeUnknown,
    };

    /// <summary>
    /// A look-up (reconciliation or a wait round) that failed because of the service or the network — a refusal, the
    /// service unavailable, an unknown outcome, or a cancellation that is not the user's <paramref name="stop"/> — and is
    /// asked again later, never fatal. The user's stop, bad input and bugs are not.
    /// </summary>
    public static bool IsFailedLookup(Exception exception, CancellationToken stop) => Classify(exception) switch
    {
        FailureClass.Interrupted => !stop.IsCancellationRequested,
        FailureClass.BadInput or FailureClass.JobFailed => false,
        _ => exception is CosException or HttpRequestException or SocketException or TimeoutException or IOException,
    };

    /// <summary>
    /// Throttling the library knows was not processed (<see cref="CosServiceException.IsThrottling"/>): the request
    /// created nothing, so the key is not in doubt — unless the library resent the submit after an ambiguous attempt
    /// (<see cref="CosFailureInfo.Resent"/>): the throttling then speaks for the last send only.
    /// </summary>
    public static bool ProvablyNotProcessed(Exception exception) =>
        exception is CosServiceException { IsThrottling: true } && CosFailureInfo.From(exception) is not { Resent: true };
}
