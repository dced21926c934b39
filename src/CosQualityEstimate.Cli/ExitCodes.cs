using System.Net.Http;
using System.Net.Sockets;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli;

/// <summary>The documented exit codes of <c>cosqe</c> and the one place exceptions are mapped onto them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for succeeded.</summary>
    public const int Ok = 0;

    /// <summary>At least one job ended Failed (or was canceled).</summary>
    public const int JobFailed = 1;

    /// <summary>Bad usage or bad input: nothing was sent.</summary>
    public const int BadInput = 2;

    /// <summary>The service refused (authentication, authorization, quota, not found, cancellation refused).</summary>
    public const int ServiceRefused = 3;

    /// <summary>An outcome stayed unknown or the service stayed unavailable (network, timeout, unreadable answer, 5xx or throttling after the retries).</summary>
    public const int OutcomeUnknown = 4;

    /// <summary>Interrupted (Ctrl+C / SIGTERM); the journal is consistent, rerun to continue.</summary>
    public const int Interrupted = 130;

    /// <summary>The help epilogue, shared with docs/cli.md.</summary>
    public const string Documentation =
        "Exit codes: 0 all good; 1 some job failed; 2 bad usage or bad input (nothing sent); " +
        "3 the service refused (auth, quota, not found); 4 an outcome stayed unknown or the service stayed unavailable (network, timeout, 5xx, throttling); 130 interrupted.";

    /// <summary>
    /// Maps an exception to an exit code (through <see cref="FailureTable"/>) and one line for stderr (never a secret,
    /// never a stack trace).
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <param name="endpoints">The service endpoints the command talked to, when known: a transport failure names the URL
    /// it could not reach, and an answer that is not from COS/CI names the URL that gave it.</param>
    public static (int Code, string Message) FromException(Exception exception, ServiceEndpoints? endpoints = null)
    {
        var failure = FailureTable.Classify(exception);
        return (FailureTable.ExitCode(failure), Describe(exception, failure, endpoints));
    }

    private static string Describe(Exception exception, FailureClass failure, ServiceEndpoints? endpoints) => exception switch
    {
        _ when FailureTable.IsNotCosEndpoint(exception) =>
            $"{endpoints?.Jobs.ToString() ?? "the endpoint"} does not look like a COS/CI endpoint (it answered "
            + (exception is CosServiceException service
                ? $"HTTP {service.Status} with {(FailureTable.LooksLikeHtml(service.ServiceMessage) ? "an HTML page" : service.ServiceMessage == "(empty body)" ? "an empty body" : "a body that is no COS error")}, no COS request id"
                : "with an HTML page")
            + "); check --endpoint/COS_ENDPOINT.",
        CosTransportException transport when endpoints is not null =>
            $"could not reach the service at {endpoints.For(transport.Operation)}: " + transport.Message,
        HttpRequestException or SocketException or TimeoutException when endpoints is not null =>
            $"could not reach the service at {endpoints.Jobs}: " + exception.Message,
        ArgumentException argument => StripParamName(argument),
        SubmitOutcomeUnknownException unknown => "outcome unknown: " + unknown.Message,
        CosResponseFormatException format => "unreadable answer from the service: " + format.Message,
        CosServiceException service when failure == FailureClass.Unavailable =>
            (service.IsThrottling ? "the service is throttling: " : "the service is unavailable: ") + service.Message,
        CosServiceException service => "the service refused: " + service.Message,
        CosTransportException transport => "could not reach the service: " + transport.Message,
        CosDataIntegrityException integrity => "upload not trusted: " + integrity.Message,
        HttpRequestException or SocketException or TimeoutException or (IOException and not FileNotFoundException and not DirectoryNotFoundException) =>
            "could not reach the service: " + exception.Message,
        OperationCanceledException => "interrupted",
        CosException or CliUsageException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => exception.Message,
        _ => "unexpected error (" + exception.GetType().Name + "): " + exception.Message,
    };

    private static string StripParamName(ArgumentException exception)
    {
        var message = exception.Message;
        var index = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }
}

/// <summary>The endpoints a command connected to: the CI (jobs) endpoint and the COS (objects) endpoint.</summary>
/// <param name="Jobs">The CI endpoint (jobs, batches).</param>
/// <param name="Objects">The COS endpoint (uploads, listing).</param>
internal sealed record ServiceEndpoints(Uri Jobs, Uri Objects)
{
    /// <summary>The endpoint a library operation (its name, e.g. <c>UploadPart</c>, <c>ListJobs</c>) talks to.</summary>
    public Uri For(string? operation) =>
        operation is not null && (operation.Contains("Object", StringComparison.Ordinal) || operation.Contains("Part", StringComparison.Ordinal) || operation.Contains("Multipart", StringComparison.Ordinal))
            ? Objects
            : Jobs;
}

/// <summary>Bad usage or input detected by the CLI itself (exit code 2).</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException()
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
