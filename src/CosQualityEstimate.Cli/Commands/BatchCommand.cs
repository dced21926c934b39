using System.CommandLine;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;

namespace CosQualityEstimate.Cli.Commands;

/// <summary><c>cosqe batch</c>: resumable, crash-safe estimation of many keys.</summary>
internal static class BatchCommand
{
    public static IEnumerable<Command> Create(CliHost host)
    {
        var shared = new BatchSharedOptions();
        var own = new ClientOptions();
        var server = new ServerSideBatchCommand.ServerOptions();
        var command = new Command("batch", "Estimate many keys: resumable and crash-safe (rerun the same command to continue).");
        foreach (var option in shared.All.Concat(own.All).Concat(server.All))
        {
            command.Options.Add(option);
        }

        command.Validators.Add(r =>
        {
            if (r.GetResult(shared.ServerSide) is { } s && s.GetValueOrDefault<bool>())
            {
                ServerSideBatchCommand.Validate(r, shared, server, own.All);
                return;
            }

            BatchSharedOptions.RefuseOthers(r, server.All, "needs --server-side.");
            if (r.GetResult(shared.Keys) is not null && r.GetResult(shared.Prefix) is not null)
            {
                r.AddError("use either --keys or --prefix, not both.");
            }
        });
        command.SetAction(CommandActions.Action(host, context => context.Parse.GetValue(shared.ServerSide)
            ? ServerSideBatchCommand.RunAsync(host, context, shared, server)
            : RunAsync(host, context, shared, own)));
        yield return command;
    }

    /// <summary>The options only the client-side batch takes (refused with <c>--server-side</c>).</summary>
    internal sealed class ClientOptions
    {
        internal ClientOptions()
        {
            Concurrency.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() is < 1 or > 256)
                {
                    r.AddError("invalid --concurrency: use 1 to 256.");
                }
            });
        }

        internal Option<int> Concurrency { get; } = new("--concurrency") { Description = "Submits in flight at once (1-256).", DefaultValueFactory = _ => 16 };

        internal Option<string> Mode { get; } = CliParsing.ModeOption();

        internal Option<int?> Rotate { get; } = CliParsing.ChoiceOption("--rotate", "Rotate the videos before estimating (degrees).", 0, 90, 180, 270);

        internal IEnumerable<Option> All => [Concurrency, Mode, Rotate];
    }

    private static async Task<int> RunAsync(CliHost host, CommandContext context, BatchSharedOptions shared, ClientOptions own)
    {
        var parse = context.Parse;
        var keysPath = parse.GetValue(shared.Keys);
        var keyPrefix = parse.GetValue(shared.Prefix);
        var journalPath = Path.GetFullPath(parse.GetValue(shared.Journal)!, host.CurrentDirectory);
        if (keysPath is not null && keysPath != "-" && !File.Exists(Path.GetFullPath(keysPath, host.CurrentDirectory)))
        {
            throw new CliUsageException($"keys file not found: {keysPath}");
        }

        if (keysPath is null && keyPrefix is null && !File.Exists(journalPath))
        {
            throw new CliUsageException("give the keys with --keys <file>, --keys - or --prefix <p> (or continue an existing --journal).");
        }

        await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
        using var store = BatchCommandSupport.OpenJournal(host, context, journalPath, JournalKind.Batch);

        if (keysPath is not null)
        {
            await store.AddKeysAsync(ReadKeysAsync(host, keysPath, context.Cancel), context.Cancel).ConfigureAwait(false);
        }
        else if (keyPrefix is not null)
        {
            await store.AddKeysAsync(connection.Objects.ListAsync(keyPrefix, context.Cancel), context.Cancel).ConfigureAwait(false);
        }

        var interactive = host.IsInteractive && !context.Json;
        var requestedMode = Results.ModeLabels.Name(CliParsing.ParseMode(parse.GetValue(own.Mode)));
        var runner = new BatchRunner(connection.Client, store, new BatchOptions
        {
            Concurrency = parse.GetValue(own.Concurrency),
            Mode = CliParsing.ParseMode(parse.GetValue(own.Mode)),
            Rotate = parse.GetValue(own.Rotate),
            Level = parse.GetValue(shared.Level),
            NoWait = parse.GetValue(shared.NoWait),
            PollInterval = BatchCommandSupport.PollInterval(parse.GetValue(shared.Poll)),
            ProgressInterval = BatchCommandSupport.ProgressInterval(interactive, parse.GetValue(shared.ProgressEvery)),
            ReconcileSettle = parse.GetValue(shared.Settle),
        },
        host.Time)
        {
            OnProgress = BatchCommandSupport.ProgressWriter(context, interactive),
        };

        BatchResult result;
        try
        {
            result = await runner.RunAsync(context.Cancel).ConfigureAwait(false);
        }
        catch (Exception) when (!context.Json)
        {
            // A refusal that stops the batch (auth, quota): still end with the summary, then the error line.
            var partial = store.Count();
            await context.Out.WriteLineAsync(BatchCommandSupport.Summary(partial, BatchCommandSupport.Modes(store.EnumerateAll(), requestedMode))).ConfigureAwait(false);
            throw;
        }
        await BatchCommandSupport.ClearProgressAsync(context, interactive).ConfigureAwait(false);

        var counts = result.Counts;
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JobJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("keys", counts.Keys);
                w.WriteNumber("submitted", counts.Submitted);
                w.WriteNumber("succeeded", counts.Succeeded);
                w.WriteNumber("failed", counts.Failed);
                w.WriteNumber("pending", counts.Pending);
                BatchCommandSupport.WriteMode(w, BatchCommandSupport.Mode(store.EnumerateAll(), requestedMode));
                w.WriteNumber("inDoubt", result.InDoubt);
                w.WriteBoolean("interrupted", result.Interrupted);
                w.WriteString("journal", store.Path);
                w.WriteEndObject();
            })).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(BatchCommandSupport.Summary(counts, BatchCommandSupport.Modes(store.EnumerateAll(), requestedMode))).ConfigureAwait(false);
        }

        if (result.Interrupted)
        {
            return await BatchCommandSupport.InterruptedAsync(context).ConfigureAwait(false);
        }

        if (result.Unavailable is { } unavailable)
        {
            await context.Error.WriteLineAsync($"cosqe: the service is unavailable or throttling ({unavailable.Status} {unavailable.ErrorCode}); sending stopped, {result.InDoubt} submit(s) have an unknown outcome; rerun the same command to continue.").ConfigureAwait(false);
            return ExitCodes.OutcomeUnknown;
        }

        if (result.InDoubt > 0)
        {
            await context.Error.WriteLineAsync($"cosqe: {result.InDoubt} submit(s) have an unknown outcome; rerun the same command to reconcile them.").ConfigureAwait(false);
            return ExitCodes.OutcomeUnknown;
        }

        return counts.Failed > 0 ? ExitCodes.JobFailed : ExitCodes.Ok;
    }

    internal static async IAsyncEnumerable<string> ReadKeysAsync(CliHost host, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = path == "-" ? host.In : new StreamReader(Path.GetFullPath(path, host.CurrentDirectory));
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var key = line.Trim();
                if (key.Length > 0 && !key.StartsWith('#'))
                {
                    yield return key;
                }
            }
        }
        finally
        {
            if (path != "-")
            {
                reader.Dispose();
            }
        }
    }
}
