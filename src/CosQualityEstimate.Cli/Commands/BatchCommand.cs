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
        var journal = new Option<string>("--journal") { Description = "The journal (SQLite) file; created when missing, continued when it exists.", Required = true, HelpName = "file.db" };
        var keys = new Option<string?>("--keys") { Description = "A file with one object key per line ('-' reads standard input; blank lines and lines starting with # are skipped).", HelpName = "file|-" };
        var prefix = new Option<string?>("--prefix") { Description = "Every object under this key prefix." };
        var concurrency = new Option<int>("--concurrency") { Description = "Submits in flight at once (1-256).", DefaultValueFactory = _ => 16 };
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 256)
            {
                r.AddError("invalid --concurrency: use 1 to 256.");
            }
        });
        var mode = CliParsing.ModeOption();
        var rotate = CliParsing.ChoiceOption("--rotate", "Rotate the videos before estimating (degrees).", 0, 90, 180, 270);
        var level = CliParsing.ChoiceOption("--level", "Job priority level.", 0, 1, 2);
        var noWait = new Option<bool>("--no-wait") { Description = "Submit every key and stop; a later run (or cosqe batch again) waits." };
        var poll = CliParsing.DurationOption("--poll-interval", "How often unfinished jobs are polled.", TimeSpan.FromSeconds(5));
        var progressEvery = CliParsing.DurationOption("--progress-interval", "How often a progress line is printed when stderr is not a terminal.", TimeSpan.FromSeconds(10));
        var settle = CliParsing.DurationOption("--reconcile-settle", "On resume, how long after the previous run's last possible send (its send lease) the look-ups of keys in doubt start.", TimeSpan.FromSeconds(5));
        var serverSide = new Option<bool>("--server-side") { Description = "Let the service fan out: one batch processing job (/inventorytriggerjob) over --prefix or --manifest, its jobs collected into the journal." };
        var manifest = new Option<string?>("--manifest") { Description = "With --server-side: the key of a COS inventory manifest (manifest.json) listing the objects.", HelpName = "key" };
        var command = new Command("batch", "Estimate many keys: resumable and crash-safe (rerun the same command to continue).")
        {
            journal, keys, prefix, concurrency, mode, rotate, level, noWait, poll, progressEvery, settle, serverSide, manifest,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(keys) is not null && r.GetResult(prefix) is not null)
            {
                r.AddError("use either --keys or --prefix, not both.");
            }

            ServerSideBatchCommand.Validate(r, serverSide, keys, prefix, manifest, mode, rotate);
        });
        command.SetAction(CommandActions.Action(host, async context =>
        {
            var parse = context.Parse;
            if (parse.GetValue(serverSide))
            {
                return await ServerSideBatchCommand.RunAsync(host, context, new ServerSideBatchCommand.Arguments(
                    parse.GetValue(journal)!, parse.GetValue(prefix), parse.GetValue(manifest), parse.GetValue(keys), parse.GetValue(level), parse.GetValue(noWait), parse.GetValue(poll), parse.GetValue(progressEvery), parse.GetValue(settle))).ConfigureAwait(false);
            }

            var keysPath = parse.GetValue(keys);
            var keyPrefix = parse.GetValue(prefix);
            var journalPath = Path.GetFullPath(parse.GetValue(journal)!, host.CurrentDirectory);
            if (keysPath is not null && keysPath != "-" && !File.Exists(Path.GetFullPath(keysPath, host.CurrentDirectory)))
            {
                throw new CliUsageException($"keys file not found: {keysPath}");
            }

            if (keysPath is null && keyPrefix is null && !File.Exists(journalPath))
            {
                throw new CliUsageException("give the keys with --keys <file>, --keys - or --prefix <p> (or continue an existing --journal).");
            }

            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: false, context.Cancel).ConfigureAwait(false);
            using var store = BatchCommandSupport.OpenJournal(host, context, journalPath);

            ServerSideBatchCommand.RefuseServerSideJournal(store, host.Time);

            if (keysPath is not null)
            {
                await store.AddKeysAsync(ReadKeysAsync(host, keysPath, context.Cancel), context.Cancel).ConfigureAwait(false);
            }
            else if (keyPrefix is not null)
            {
                await store.AddKeysAsync(connection.Objects.ListAsync(keyPrefix, context.Cancel), context.Cancel).ConfigureAwait(false);
            }

            var interactive = host.IsInteractive && !context.Json;
            var requestedMode = Results.ModeLabels.Name(CliParsing.ParseMode(parse.GetValue(mode)));
            var runner = new BatchRunner(connection.Client, store, new BatchOptions
            {
                Concurrency = parse.GetValue(concurrency),
                Mode = CliParsing.ParseMode(parse.GetValue(mode)),
                Rotate = parse.GetValue(rotate),
                Level = parse.GetValue(level),
                NoWait = parse.GetValue(noWait),
                PollInterval = BatchCommandSupport.PollInterval(parse.GetValue(poll)),
                ProgressInterval = BatchCommandSupport.ProgressInterval(interactive, parse.GetValue(progressEvery)),
                ReconcileSettle = parse.GetValue(settle),
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
        }));
        yield return command;
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
