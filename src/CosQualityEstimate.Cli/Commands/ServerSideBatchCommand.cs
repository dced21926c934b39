using System.CommandLine;
using System.CommandLine.Parsing;
using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Cli.Results;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>The <c>--server-side</c> branch of <c>cosqe batch</c>: option rules, the run and its output (same summary line and exit codes as <c>batch</c>).</summary>
internal static class ServerSideBatchCommand
{
    internal sealed record Arguments(string Journal, string? Prefix, string? Manifest, string? Keys, int? Level, bool NoWait, TimeSpan Poll, TimeSpan ProgressEvery, TimeSpan Settle);

    /// <summary>
    /// <c>--server-side</c> takes one of <c>--prefix</c>, <c>--manifest</c> or <c>--keys</c> (written as a URL file to the bucket,
    /// one batch); <c>--mode</c> and <c>--rotate</c> are refused because no service document shows them for a batch job.
    /// <c>--manifest</c> needs <c>--server-side</c>.
    /// </summary>
    internal static void Validate(CommandResult r, Option<bool> serverSide, Option<string?> keys, Option<string?> prefix, Option<string?> manifest, Option<string> mode, Option<int?> rotate)
    {
        var on = r.GetResult(serverSide) is { } s && s.GetValueOrDefault<bool>();
        if (!on)
        {
            if (r.GetResult(manifest) is not null)
            {
                r.AddError("--manifest needs --server-side.");
            }

            return;
        }

        if ((r.GetResult(prefix) is null ? 0 : 1) + (r.GetResult(manifest) is null ? 0 : 1) + (r.GetResult(keys) is null ? 0 : 1) > 1)
        {
            r.AddError("use one of --prefix, --manifest or --keys.");
        }

        if (r.GetResult(mode) is { Implicit: false } || r.GetResult(rotate) is { Implicit: false })
        {
            r.AddError("--mode and --rotate cannot be used with --server-side: the service documents no QualityEstimate parameters for batch jobs (its default mode is used).");
        }
    }

    /// <summary>A client-side batch must not continue a journal that holds a server-side batch.</summary>
    internal static void RefuseServerSideJournal(BatchJournal store, TimeProvider time)
    {
        using var batches = ServerBatchJournal.Open(store.Path, time);
        if (batches.Read() is { } row)
        {
            throw new CliUsageException($"{store.Path} holds the server-side batch {row.Name}; continue it with cosqe batch --server-side --journal {store.Path}.");
        }
    }

    internal static async Task<int> RunAsync(CliHost host, CommandContext context, Arguments arguments)
    {
        var journalPath = Path.GetFullPath(arguments.Journal, host.CurrentDirectory);
        if (arguments.Prefix is null && arguments.Manifest is null && arguments.Keys is null && !File.Exists(journalPath))
        {
            throw new CliUsageException("give the objects with --prefix <p>, --manifest <key> or --keys <file> (or continue an existing --journal).");
        }

        if (arguments.Keys is { } keysPath && keysPath != "-" && !File.Exists(Path.GetFullPath(keysPath, host.CurrentDirectory)))
        {
            throw new CliUsageException($"keys file not found: {keysPath}");
        }

        await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
        using var store = BatchCommandSupport.OpenJournal(host, context, journalPath);

        using var batches = ServerBatchJournal.Open(store.Path, host.Time);
        var interactive = host.IsInteractive && !context.Json;
        var runner = new ServerSideBatchRunner(connection.Client, store, batches, new ServerSideBatchOptions
        {
            InputKind = arguments.Prefix is not null ? "Prefix" : arguments.Manifest is not null ? "Manifest" : arguments.Keys is not null ? "UrlFile" : null,
            Input = arguments.Prefix ?? arguments.Manifest ?? arguments.Keys,
            ReadKeys = arguments.Keys is { } keys ? ct => BatchCommand.ReadKeysAsync(host, keys, ct) : null,
            Level = arguments.Level,
            NoWait = arguments.NoWait,
            PollInterval = BatchCommandSupport.PollInterval(arguments.Poll),
            ProgressInterval = BatchCommandSupport.ProgressInterval(interactive, arguments.ProgressEvery),
            Settle = arguments.Settle,
        },
        host.Time)
        {
            OnProgress = BatchCommandSupport.ProgressWriter(context, interactive),
            // At the start, on stderr whatever the output: which batch this is, and that it measures the score only.
            OnBatch = (id, name) => context.Error.WriteLine(
                $"batch {JobText.Sanitize(id)} ({JobText.Sanitize(name)}): {ModeLabels.Describe(ModeLabels.General)} (the service's default mode for batch jobs; for findings run cosqe batch without --server-side, --mode vqaPlus)."),
        };

        var result = await runner.RunAsync(context.Cancel).ConfigureAwait(false);
        await BatchCommandSupport.ClearProgressAsync(context, interactive).ConfigureAwait(false);

        var counts = result.Counts;
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JobJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("batchId", result.BatchId);
                w.WriteString("batchName", result.Name);
                w.WriteString("batchState", result.BatchState);
                BatchCommandSupport.WriteMode(w, BatchCommandSupport.Mode(store.EnumerateAll(), ModeLabels.General));
                w.WriteNumber("keys", counts.Keys);
                w.WriteNumber("submitted", counts.Submitted);
                w.WriteNumber("succeeded", counts.Succeeded);
                w.WriteNumber("failed", counts.Failed);
                w.WriteNumber("pending", counts.Pending);
                w.WriteBoolean("collected", result.Collected);
                w.WriteBoolean("interrupted", result.Interrupted);
                w.WriteString("journal", store.Path);
                w.WriteEndObject();
            })).ConfigureAwait(false);
        }
        else if (!result.Collected && !result.Interrupted)
        {
            await context.Out.WriteLineAsync($"batch {result.BatchId} ({result.Name}) created; rerun the same command to collect its jobs.").ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(BatchCommandSupport.Summary(counts, BatchCommandSupport.Modes(store.EnumerateAll(), ModeLabels.General))).ConfigureAwait(false);
        }

        if (result.Interrupted)
        {
            return await BatchCommandSupport.InterruptedAsync(context).ConfigureAwait(false);
        }

        if (result.Failure is { } failure)
        {
            await context.Error.WriteLineAsync("cosqe: " + failure).ConfigureAwait(false);
            return ExitCodes.JobFailed;
        }

        return counts.Failed > 0 ? ExitCodes.JobFailed : ExitCodes.Ok;
    }
}
