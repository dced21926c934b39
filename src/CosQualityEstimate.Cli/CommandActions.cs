using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Jobs;
using System.CommandLine;

namespace CosQualityEstimate.Cli;

/// <summary>
/// What every command action shares, below the commands: resolving the configuration, and turning an exception into one
/// stderr line and an exit code (through <see cref="ExitCodes"/> and its one failure table). The command tree itself is
/// <see cref="CliApp"/>, above the commands.
/// </summary>
internal static class CommandActions
{
    /// <summary>Wraps a command body: resolves the configuration, maps exceptions to exit codes and one stderr line.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(CliHost host, Func<CommandContext, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue<bool>(CliApp.VerboseName);
            CommandContext? context = null;
            try
            {
                var config = CliConfig.Resolve(
                    parse.GetValue<string?>(CliApp.BucketName),
                    parse.GetValue<string?>(CliApp.RegionName),
                    parse.GetValue<string?>(CliApp.EndpointName),
                    string.Equals(parse.GetValue<string>(CliApp.OutputName), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Text,
                    verbose,
                    host.GetEnvironmentVariable);
                context = new CommandContext { Host = host, Parse = parse, Config = config, Cancel = host.Interrupt };
                return await body(context).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var created = context is null ? [] : context.CreatedJobIds.ToList();
                var resumable = string.Equals(parse.CommandResult.Command.Name, "batch", StringComparison.Ordinal);
                return await ReportAsync(host, ex, verbose, created, resumable, context?.Config.Connected).ConfigureAwait(false);
            }
        };

    /// <summary>
    /// Writes the one error line (and, when jobs were already created, one line naming them and how to follow them) and
    /// returns the exit code. Only <paramref name="resumable"/> commands (batch, with its journal) are told to rerun:
    /// rerunning any other command would submit (and bill) its videos again.
    /// </summary>
    public static async Task<int> ReportAsync(CliHost host, Exception exception, bool verbose, IReadOnlyList<string>? createdJobIds = null, bool resumable = false, ServiceEndpoints? endpoints = null)
    {
        var (code, message) = ExitCodes.FromException(exception, endpoints);
        if (code == ExitCodes.Interrupted && host.Interrupt.IsCancellationRequested)
        {
            message = resumable ? "interrupted; rerun the same command to continue." : "interrupted.";
        }

        await host.Error.WriteLineAsync("cosqe: " + JobText.OneLine(message)).ConfigureAwait(false);
        if (exception is OperationCanceledException && CosFailureInfo.From(exception)?.ObjectKey is { } inFlightKey)
        {
            // Stopped while a submit was on the wire: the service may or may not have created that job.
            var key = JobText.Sanitize(inFlightKey);
            await host.Error.WriteLineAsync($"cosqe: the submit for {key} was stopped mid-request and may have created a job; look before resubmitting: cosqe list --key {key}").ConfigureAwait(false);
        }

        if (createdJobIds is { Count: > 0 })
        {
            var ids = string.Join(' ', createdJobIds.Select(JobText.Sanitize));
            await host.Error.WriteLineAsync($"cosqe: {createdJobIds.Count} job(s) were created before the stop: {ids}; running the same command again would submit them again; follow them with: cosqe wait {ids}").ConfigureAwait(false);
        }

        if (verbose)
        {
            await host.Error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }

        return code;
    }

}
