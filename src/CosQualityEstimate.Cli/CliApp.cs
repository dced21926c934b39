using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using CosQualityEstimate.Cli.Commands;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli;

/// <summary>Shared state handed to every command action.</summary>
internal sealed class CommandContext
{
    public required CliHost Host { get; init; }

    public required ParseResult Parse { get; init; }

    public required CliConfig Config { get; init; }

    public required CancellationToken Cancel { get; init; }

    public TextWriter Out => Host.Out;

    public TextWriter Error => Host.Error;

    public bool Json => Config.Output == OutputFormat.Json;

    /// <summary>Ids of the jobs this command created, added as soon as the service returns each one.</summary>
    public List<string> CreatedJobIds { get; } = [];

    /// <summary>Records a created job id (thread-safe).</summary>
    public void JobCreated(string jobId)
    {
        lock (CreatedJobIds)
        {
            CreatedJobIds.Add(jobId);
        }
    }
}

/// <summary>The <c>cosqe</c> command line: parsing, dispatch and the single exception → exit code mapping.</summary>
internal static class CliApp
{
    // Global options are created per root (System.CommandLine symbols are not shared between trees) and read by name.
    private const string BucketName = "--bucket";
    private const string RegionName = "--region";
    private const string EndpointName = "--endpoint";
    private const string OutputName = "--output";
    private const string VerboseName = "--verbose";

    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RootCommand BuildRoot(CliHost host)
    {
        var root = new RootCommand("cosqe: estimate the quality of videos in Tencent Cloud COS (CI QualityEstimate). Credentials come only from COS_SECRET_ID, COS_SECRET_KEY and COS_SESSION_TOKEN.");
        root.Options.Add(new Option<string?>(BucketName) { Description = "Bucket as name-appid (default: COS_BUCKET).", Recursive = true });
        root.Options.Add(new Option<string?>(RegionName) { Description = "Region, e.g. ap-guangzhou (default: COS_REGION).", Recursive = true });
        root.Options.Add(new Option<string?>(EndpointName) { Description = "Service base URL, e.g. an emulator (default: COS_ENDPOINT).", Recursive = true });
        root.Options.Add(CreateOutputOption());
        root.Options.Add(new Option<bool>(VerboseName) { Description = "Print full exception details on errors.", Recursive = true });

        foreach (var command in JobCommands.Create(host).Concat(AnalyzeCommand.Create(host)).Concat(BatchCommand.Create(host)).Concat(ToolCommands.Create(host)))
        {
            root.Subcommands.Add(command);
        }

        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new EpilogueHelpAction(help);
            }
        }

        return root;
    }

    /// <summary>Runs one command line; never throws; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host)
    {
        RootCommand root;
        ParseResult parse;
        try
        {
            root = BuildRoot(host);
            parse = root.Parse(args);
        }
        catch (Exception ex)
        {
            await host.Error.WriteLineAsync("cosqe: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (parse.Errors.Count > 0 && parse.Action is not EpilogueHelpAction)
        {
            var message = parse.UnmatchedTokens.Count > 0
                ? $"unknown command or option '{JobText.Sanitize(parse.UnmatchedTokens[0])}'"
                : OneLine(parse.Errors[0].Message);
            await host.Error.WriteLineAsync("cosqe: " + message + " (see cosqe --help)").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, host.Interrupt).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var resumable = string.Equals(parse.CommandResult.Command.Name, "batch", StringComparison.Ordinal);
            return await ReportAsync(host, ex, parse.GetValue<bool>(VerboseName), createdJobIds: null, resumable).ConfigureAwait(false);
        }
    }

    /// <summary>Wraps a command body: resolves the configuration, maps exceptions to exit codes and one stderr line.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Action(CliHost host, Func<CommandContext, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue<bool>(VerboseName);
            CommandContext? context = null;
            try
            {
                var config = CliConfig.Resolve(
                    parse.GetValue<string?>(BucketName),
                    parse.GetValue<string?>(RegionName),
                    parse.GetValue<string?>(EndpointName),
                    string.Equals(parse.GetValue<string>(OutputName), "json", StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Text,
                    verbose,
                    host.GetEnvironmentVariable);
                context = new CommandContext { Host = host, Parse = parse, Config = config, Cancel = host.Interrupt };
                return await body(context).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var created = context is null ? [] : context.CreatedJobIds.ToList();
                var resumable = string.Equals(parse.CommandResult.Command.Name, "batch", StringComparison.Ordinal);
                return await ReportAsync(host, ex, verbose, created, resumable).ConfigureAwait(false);
            }
        };

    /// <summary>
    /// Writes the one error line (and, when jobs were already created, one line naming them and how to follow them) and
    /// returns the exit code. Only <paramref name="resumable"/> commands (batch, with its journal) are told to rerun:
    /// rerunning any other command would submit (and bill) its videos again.
    /// </summary>
    public static async Task<int> ReportAsync(CliHost host, Exception exception, bool verbose, IReadOnlyList<string>? createdJobIds = null, bool resumable = false)
    {
        var (code, message) = ExitCodes.FromException(exception);
        if (code == ExitCodes.Interrupted && host.Interrupt.IsCancellationRequested)
        {
            message = resumable ? "interrupted; rerun the same command to continue." : "interrupted.";
        }

        await host.Error.WriteLineAsync("cosqe: " + OneLine(message)).ConfigureAwait(false);
        if (exception is OperationCanceledException && exception.Data[JobsClient.ObjectKeyDataKey] is string inFlightKey)
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

    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>(OutputName, "-o") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text", Recursive = true, HelpName = "text|json" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!string.Equals(value, "text", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "json", StringComparison.OrdinalIgnoreCase))
            {
                result.AddError($"invalid --output \"{value}\": use text or json.");
            }
        });
        return option;
    }
}

/// <summary>The default help followed by the exit codes (the help "epilogue").</summary>
internal sealed class EpilogueHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _inner;

    public EpilogueHelpAction(HelpAction inner) => _inner = inner;

    public override int Invoke(ParseResult parseResult)
    {
        var code = _inner.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(ExitCodes.Documentation);
        output.WriteLine("Docs: docs/cli.md. Examples: cosqe analyze clip.mp4 (offline, needs ffmpeg) | cosqe estimate input/a.mp4 | cosqe batch --journal run.db --keys keys.txt | cosqe report --journal run.db --out report.html");
        return code;
    }
}
