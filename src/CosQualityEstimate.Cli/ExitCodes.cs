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

    /// <summary>The service refused (authentication, authorization, quota, not found, ...).</summary>
    public const int ServiceRefused = 3;

    /// <summary>An outcome stayed unknown (transport failure, timeout, unreadable answer).</summary>
    public const int OutcomeUnknown = 4;

    /// <summary>Interrupted (Ctrl+C / SIGTERM); the journal is consistent, rerun to continue.</summary>
    public const int Interrupted = 130;

    /// <summary>The help epilogue, shared with docs/cli.md.</summary>
    public const string Documentation =
        "Exit codes: 0 all good; 1 some job failed; 2 bad usage or bad input (nothing sent); " +
        "3 the service refused (auth, quota, not found); 4 an outcome stayed unknown (network, timeout); 130 interrupted.";

    /// <summary>Maps an exception to an exit code and one line for stderr (never a secret, never a stack trace).</summary>
    public static (int Code, string Message) FromException(Exception exception)
    {
        switch (exception)
        {
            case CliUsageException usage:
                return (BadInput, usage.Message);
            case CosCredentialUnavailableException credential:
                return (BadInput, credential.Message);
            case ArgumentException argument:
                return (BadInput, StripParamName(argument));
            case SubmitOutcomeUnknownException unknown:
                return (OutcomeUnknown, "outcome unknown: " + unknown.Message);
            case CosResponseFormatException format:
                return (OutcomeUnknown, "unreadable answer from the service: " + format.Message);
            case JobFailedException failed:
                return (JobFailed, failed.Message);
            case CosServiceException service:
                return (ServiceRefused, "the service refused: " + service.Message);
            case JobWaitTimeoutException timeout:
                return (OutcomeUnknown, timeout.Message);
            case FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException:
                return (BadInput, exception.Message);
            case CosTransportException transport:
                return (OutcomeUnknown, "could not reach the service: " + transport.Message);
            case CosDataIntegrityException integrity:
                return (OutcomeUnknown, "upload not trusted: " + integrity.Message);
            case HttpRequestException or SocketException or TimeoutException or IOException:
                return (OutcomeUnknown, "could not reach the service: " + exception.Message);
            case OperationCanceledException:
                return (Interrupted, "interrupted");
            case CosException other:
                return (OutcomeUnknown, other.Message);
            default:
                return (OutcomeUnknown, "unexpected error (" + exception.GetType().Name + "): " + exception.Message);
        }
    }

    private static string StripParamName(ArgumentException exception)
    {
        var message = exception.Message;
        var index = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }
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
