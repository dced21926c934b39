using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Cli.Analysis;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// <c>cosqe analyze &lt;file-or-dir&gt;...</c>: local, offline quality analysis with ffmpeg — no account, no upload, no
/// cost. Prints what <c>estimate</c> prints (source <c>local-analysis</c>, the key being the path); with
/// <c>--journal</c> the results go into a journal that <c>export</c> and <c>report</c> read, and a rerun skips the files
/// already analysed.
/// </summary>
internal static class AnalyzeCommand
{
    public static IEnumerable<Command> Create(CliHost host)
    {
        var inputs = new Argument<string[]>("file-or-dir") { Description = "Video files, or directories walked for video files (.mp4 .mov .mkv .webm .avi ...; see docs/cli.md).", Arity = ArgumentArity.OneOrMore };
        var journal = new Option<string?>("--journal") { Description = "Record the results in this journal (SQLite; created when missing): export and report read it, and a rerun skips files already analysed.", HelpName = "file.db" };
        var concurrency = new Option<int>("--concurrency") { Description = "Files analysed at once (1-64; each runs one ffmpeg).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2), HelpName = "N" };
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
            {
                r.AddError("invalid --concurrency: use 1 to 64.");
            }
        });
        var shard = new Option<string?>("--shard") { Description = "Analyse only shard K of N (K 0-based, e.g. --shard $JOB_COMPLETION_INDEX/$N): a stable hash of each file's path relative to its argument picks its shard, so N machines that see the same tree analyse disjoint sets that together cover every file (docs/cli.md \"Scaling out\").", HelpName = "K/N" };
        var noFrames = new Option<bool>("--no-frames") { Description = "With --journal: do not keep frames (by default a poster and one 320-px JPEG per finding are kept in the journal for the report; see docs/cli.md)." };
        var calibration = new Option<string?>("--calibration") { Description = "Map the local score to the service's scale with this calibration (written by cosqe calibrate); the result stays labelled local-analysis and names it.", HelpName = "cal.json" };
        var command = new Command("analyze", "Analyse local video files on this machine with ffmpeg (offline, free, nothing uploaded): score and findings computed from the video itself, labelled local-analysis.")
        {
            inputs, journal, concurrency, shard, noFrames, calibration,
        };
        command.SetAction(CommandActions.Action(host, context => RunAsync(host, context, context.Parse.GetValue(inputs)!, context.Parse.GetValue(journal), context.Parse.GetValue(concurrency), context.Parse.GetValue(shard), !context.Parse.GetValue(noFrames), context.Parse.GetValue(calibration))));
        yield return command;
    }

    private static async Task<int> RunAsync(CliHost host, CommandContext context, string[] inputs, string? journalPath, int concurrency, string? shardText, bool frames, string? calibrationPath)
    {
        // Every argument is checked before anything is analysed (exit 2).
        var calibration = calibrationPath is null ? null : ReadCalibration(Path.GetFullPath(calibrationPath, host.CurrentDirectory));
        var shard = shardText is null ? (Shard?)null : Shard.Parse(shardText);
        var (catalog, total) = CatalogFiles.Expand(inputs, host.CurrentDirectory, shard);
        var files = catalog.Select(f => f.Display).ToList();
        if (total == 0)
        {
            throw new CliUsageException($"no video files found in {string.Join(", ", inputs.Select(JobText.Sanitize))} (extensions: {string.Join(' ', VideoFiles.Extensions)}).");
        }

        if (journalPath is not null)
        {
            CatalogFiles.RefuseSharedKeys(catalog.Select(f => f.File));
        }

        using var store = journalPath is null ? null : AnalysisJournal.Open(Path.GetFullPath(journalPath, host.CurrentDirectory), host.Time);
        store?.BindShard(shard?.ToString());
        if (shard is { } selected)
        {
            // A shard may be empty (more shards than files): it still creates its journal, so that merging part-*.db finds every part.
            await context.Error.WriteLineAsync($"cosqe: shard {selected}: {files.Count} of {total} file(s).").ConfigureAwait(false);
        }

        var items = files.Select(f => new AnalysisItem(null, f)).ToList();
        var skipped = 0;
        var skippedRows = new List<JournalRow>();
        var kept = store is null ? null : new KeptWithResults(store, Frames.FfmpegLocation.FromEnvironment(host.GetEnvironmentVariable), frames);
        if (store is not null)
        {
            // A journal is a catalog: its keys are paths relative to their argument root (the root kept with them), so a
            // rerun from another directory, or with the catalog mounted elsewhere, finds the same rows.
            store.AddFiles(catalog.Select(f => f.File).ToList());

            // A failure that is not a verdict on the bytes (the file could not be read, the analyzer failed) is tried
            // again on a rerun; MediaUnreadable (not a video) is kept.
            store.ClearResults(store.ReadAll().Where(r => AnalysisOutcome.IsRetryableCode(r.Code)).Select(r => r.Seq).ToList());
            items = store.ReadUnanalysed().Select(r => new AnalysisItem(r.Seq, r.LocalPath, r.Key)).ToList();
            var wanted = catalog.Select(f => f.File.Key).ToHashSet(StringComparer.Ordinal);
            skipped = files.Count - items.Count(i => wanted.Contains(i.Key!));
            var pending = items.Select(i => i.Key!).ToHashSet(StringComparer.Ordinal);
            skippedRows = store.ReadAll().Where(r => wanted.Contains(r.Key) && !pending.Contains(r.Key)).ToList();
            if (skipped > 0)
            {
                await context.Error.WriteLineAsync($"cosqe: {skipped} file(s) already analysed in {store.Path}: skipped.").ConfigureAwait(false);
            }
        }

        var json = context.Json ? new List<AnalysisOutcome>() : null;
        var runner = new AnalysisRunner(host.LocalAnalyzerFactory?.Invoke() ?? HostAnalyzer.Create(host.GetEnvironmentVariable, calibration), concurrency, store, host.CurrentDirectory)
        {
            OnRecorded = kept is null ? null : kept.KeepAsync,
            OnOutcome = async outcome =>
            {
                if (!outcome.Succeeded)
                {
                    // A failure is told once, on stderr (its code included); in JSON it is also a Failed row of the result.
                    var code = outcome.Job.Code is { Length: > 0 } c ? $" [{JobText.Sanitize(c)}]" : string.Empty;
                    await context.Error.WriteLineAsync($"cosqe: cannot analyse {JobText.Sanitize(outcome.Path)}{code}: {JobText.Sanitize(outcome.Job.Message ?? outcome.Job.Code ?? "unknown reason")}").ConfigureAwait(false);
                }

                if (json is not null)
                {
                    json.Add(outcome);
                }
                else if (outcome.Succeeded)
                {
                    WriteText(context.Out, outcome);
                    await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            },
        };

        IReadOnlyList<AnalysisOutcome> outcomes;
        try
        {
            outcomes = await runner.RunAsync(items, context.Cancel).ConfigureAwait(false);
            if (kept is not null)
            {
                await kept.BackfillAsync(skippedRows, concurrency, context.Cancel).ConfigureAwait(false);
            }
        }
        catch (FfmpegNotFoundException ex)
        {
            var message = JobText.OneLine(ex.Message);
            throw new CliUsageException(message.Contains(FfmpegNotFoundException.InstallHint, StringComparison.Ordinal) ? message : $"{message} ({FfmpegNotFoundException.InstallHint})");
        }
        catch (OperationCanceledException) when (context.Cancel.IsCancellationRequested && store is not null)
        {
            await context.Error.WriteLineAsync("cosqe: interrupted; the journal is consistent, rerun the same command to continue.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }

        if (json is not null)
        {
            context.Out.WriteLine(JobJson.Write(w =>
            {
                w.WriteStartArray();
                foreach (var outcome in json)
                {
                    JobJson.WriteJob(w, outcome.Job, QualityEstimateSource.LocalAnalysis, outcome.Result?.Breakdown is { } breakdown ? x => BreakdownOutput.WriteJson(x, breakdown) : null);
                }

                w.WriteEndArray();
            }));
        }

        var failed = outcomes.Count(o => !o.Succeeded);
        if (store is not null)
        {
            await context.Error.WriteLineAsync($"cosqe: {outcomes.Count - failed} analysed, {failed} could not be analysed, {skipped} skipped; journal {store.Path}{(kept?.Tally is { } tally ? "; " + tally.Describe() : "; frames: off (--no-frames)")}").ConfigureAwait(false);
        }

        return failed > 0 ? ExitCodes.JobFailed : ExitCodes.Ok;
    }

    private static LocalScoreCalibration ReadCalibration(string path)
    {
        try
        {
            return LocalScoreCalibration.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new CliUsageException($"invalid --calibration {JobText.Sanitize(path)}: {JobText.OneLine(e.Message)}");
        }
    }

    /// <summary>The text block of one file: the labelled result line, the findings, and the analyzer's notes.</summary>
    internal static void WriteText(TextWriter output, AnalysisOutcome outcome)
    {
        var key = JobText.Sanitize(outcome.Path);
        if (!outcome.Succeeded)
        {
            output.WriteLine($"{key}: not analysed [{JobText.Sanitize(outcome.Job.Code ?? "?")}] {JobText.Sanitize(outcome.Job.Message ?? string.Empty)}");
            return;
        }

        var result = outcome.Result!;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"{result.DurationSeconds:0.#}s of media analysed in {result.AnalysisTime.TotalSeconds:0.#}s");
        output.WriteLine(JobText.ScoreLine(key, outcome.Job.QualityEstimate, QualityEstimateSource.LocalAnalysis, suffix));
        if (result.Breakdown is { } breakdown)
        {
            output.WriteLine("  " + JobText.Sanitize(BreakdownOutput.Text(breakdown)));
        }

        JobText.WriteFindings(output, outcome.Job.QualityEstimate, QualityEstimateSource.LocalAnalysis);
        foreach (var note in result.Notes)
        {
            // A note may already carry its prefix (the library's decoder notes do): never "note: note: …".
            var text = note.StartsWith("note:", StringComparison.OrdinalIgnoreCase) ? note[5..].TrimStart() : note;
            output.WriteLine($"  note: {JobText.Sanitize(text)}");
        }
    }

    private static async IAsyncEnumerable<string> ToAsync(IEnumerable<string> values, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return value;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
