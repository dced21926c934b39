using System.CommandLine;
using System.CommandLine.Parsing;
using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Cli.Results;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// <c>cosqe batch --server-side</c>: the service fans one batch processing job out over a prefix, a manifest or a URL file
/// written from <c>--keys</c>, and its jobs are collected into the journal. Its own option rules and run (the same summary
/// line and exit codes as the client-side <see cref="BatchCommand"/>); an option of the client-side batch is refused (exit 2).
/// </summary>
internal static class ServerSideBatchCommand
{
    /// <summary>The options only the server-side batch takes (refused without <c>--server-side</c>).</summary>
    internal sealed class ServerOptions
    {
        internal Option<string?> Manifest { get; } = new("--manifest") { Description = "With --server-side: the key of a COS inventory manifest (manifest.json) listing the objects.", HelpName = "key" };

        internal IEnumerable<Option> All => [Manifest];
    }

    /// <summary>
    /// One of <c>--prefix</c>, <c>--manifest</c> or <c>--keys</c> (written as a URL file to the bucket, one batch); every
    /// option of the client-side batch (<c>--concurrency</c>, <c>--mode</c>, <c>--rotate</c>) is refused: the service runs the
    /// jobs (no submits in flight to bound) and documents no QualityEstimate parameters for a batch job.
    /// </summary>
    internal static void Validate(CommandResult r, BatchSharedOptions shared, ServerOptions own, IEnumerable<Option> clientOnly)
    {
        if ((r.GetResult(shared.Prefix) is null ? 0 : 1) + (r.GetResult(own.Manifest) is null ? 0 : 1) + (r.GetResult(shared.Keys) is null ? 0 : 1) > 1)
        {
            r.AddError("use one of --prefix, --manifest or --keys.");
        }

        BatchSharedOptions.RefuseOthers(r, clientOnly, "cannot be used with --server-side: the service runs the jobs (no submits to bound) and documents no QualityEstimate parameters for batch jobs (its default mode is used).");
    }

    internal static async Task<int> RunAsync(CliHost host, CommandContext context, BatchSharedOptions shared, ServerOptions own)
    {
        var parse = context.Parse;
        var arguments = (
            Journal: parse.GetValue(shared.Journal)!,
            Prefix: parse.GetValue(shared.Prefix),
            Manifest: parse.GetValue(own.Manifest),
            Keys: parse.GetValue(shared.Keys),
            Level: parse.GetValue(shared.Level),
            NoWait: parse.GetValue(shared.NoWait),
            Poll: parse.GetValue(shared.Poll),
            ProgressEvery: parse.GetValue(shared.ProgressEvery),
            Settle: parse.GetValue(shared.Settle));
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
        using var store = BatchCommandSupport.OpenJournal(host, context, journalPath, JournalKind.ServerSideBatch);
        var batches = store.ServerBatch!;
        var interactive = host.IsInteractive && !context.Json;
        var runner = new ServerSideBatchRunner(connection.Client, store, batches, new ServerSideBatchOptions
        {
            InputKind = arguments.Prefix is not null ? BatchInputKind.Prefix : arguments.Manifest is not null ? BatchInputKind.Manifest : arguments.Keys is not null ? BatchInputKind.UrlFile : null,
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
