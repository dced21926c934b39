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
    internal const string BucketName = "--bucket";
    internal const string RegionName = "--region";
    internal const string EndpointName = "--endpoint";
    internal const string OutputName = "--output";
    internal const string VerboseName = "--verbose";

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

        foreach (var command in JobCommands.Create(host).Concat(AnalyzeCommand.Create(host)).Concat(CalibrateCommand.Create(host)).Append(UploadCommand.Create(host)).Append(SnapshotCommand.Create(host)).Concat(BatchCommand.Create(host)).Concat(ToolCommands.Create(host)))
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
            await host.Error.WriteLineAsync("cosqe: " + JobText.OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // A `--word` that no option of the command knows is an unknown option, even where the command takes paths or
        // keys as arguments (`analyze /clips --concurency 2` must not look for a file named "--concurency").
        if (parse.Action is not EpilogueHelpAction && UnknownOptions.Find(parse) is { } unknown)
        {
            await host.Error.WriteLineAsync("cosqe: " + unknown).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (parse.Errors.Count > 0 && parse.Action is not EpilogueHelpAction)
        {
            var message = parse.UnmatchedTokens.Count > 0
                ? $"unknown command or option '{JobText.Sanitize(parse.UnmatchedTokens[0])}'"
                : JobText.OneLine(parse.Errors[0].Message);
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
            return await CommandActions.ReportAsync(host, ex, parse.GetValue<bool>(VerboseName), createdJobIds: null, resumable).ConfigureAwait(false);
        }
    }

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
