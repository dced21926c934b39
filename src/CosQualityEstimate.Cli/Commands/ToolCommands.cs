using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Cli.Report;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>export, report, emulator, sign.</summary>
internal static class ToolCommands
{
    public static IEnumerable<Command> Create(CliHost host)
    {
        yield return Export(host);
        yield return ReportCommand(host);
        yield return EmulatorCommand(host);
        yield return Sign(host);
    }

    private static Option<string[]> JournalOption() =>
        new("--journal") { Description = "A journal (SQLite) file of cosqe batch or cosqe analyze; repeat it, or use a glob in the file name (parts/part-*.db), to merge several: one row per key, the newest result wins.", Required = true, HelpName = "file.db", Arity = ArgumentArity.OneOrMore };

    /// <summary>
    /// The rows of the journals named by <paramref name="patterns"/>: one journal is streamed as it is; several are merged
    /// (<see cref="JournalMerge"/>). Every journal is opened (and a missing one reported, exit 2) before any row is read.
    /// </summary>
    private static Task<T> WithRowsAsync<T>(CliHost host, string[] patterns, Func<IEnumerable<JournalRow>, JournalMerge?, Task<T>> body) =>
        WithRowsAsync(host, patterns, (rows, merge, _) => body(rows, merge));

    /// <summary>As above; <paramref name="body"/> also gets the open journals (the report reads their frames and facts).</summary>
    private static async Task<T> WithRowsAsync<T>(CliHost host, string[] patterns, Func<IEnumerable<JournalRow>, JournalMerge?, IReadOnlyList<JournalFile>, Task<T>> body)
    {
        var paths = JournalSet.Expand(patterns, host.CurrentDirectory);
        var files = new List<JournalFile>();
        try
        {
            foreach (var path in paths)
            {
                files.Add(JournalFile.OpenExisting(path, host.Time));
            }

            if (files.Count == 1)
            {
                return await body(files[0].EnumerateAll(), null, files).ConfigureAwait(false);
            }

            var merge = new JournalMerge();
            foreach (var file in files)
            {
                merge.Add(file.EnumerateAll(), file.Path);
            }

            return await body(merge.Rows, merge, files).ConfigureAwait(false);
        }
        finally
        {
            foreach (var file in files)
            {
                file.Dispose();
            }
        }
    }

    /// <summary>The stderr line after a merge: how many journals, keys and resolved conflicts.</summary>
    private static string MergeLine(JournalMerge merge) =>
        $"cosqe: merged {merge.Journals} journals: {merge.Rows.Count} key(s), {merge.Conflicts} conflict(s) resolved (a key in more than one journal keeps its newest result).";

    private static Command Export(CliHost host)
    {
        var journal = JournalOption();
        var format = new Option<string>("--format") { Description = "csv, json or jsonl.", DefaultValueFactory = _ => "csv", HelpName = "csv|json|jsonl" };
        format.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (value is not ("csv" or "json" or "jsonl"))
            {
                r.AddError($"invalid --format \"{value}\": use csv, json or jsonl.");
            }
        });
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "One row per key of one or more journals (merged): key, jobId, state, score, code, message, source (service, local-analysis or simulated), mode (general: score only, findings not measured; vqaPlus) and findingsMeasured (+ vqaPlus findings in json/jsonl).") { journal, format, output };
        command.SetAction(CommandActions.Action(host, async context =>
        {
            return await WithRowsAsync(host, context.Parse.GetValue(journal)!, async (rows, merge) =>
            {
                var path = context.Parse.GetValue(output);
                var writer = path is null ? context.Out : new StreamWriter(Path.GetFullPath(path, host.CurrentDirectory), false, new UTF8Encoding(false));
                try
                {
                    Exporter.Write(writer, rows, context.Parse.GetValue(format)!);
                    await writer.FlushAsync(context.Cancel).ConfigureAwait(false);
                }
                finally
                {
                    if (path is not null)
                    {
                        await writer.DisposeAsync().ConfigureAwait(false);
                    }
                }

                if (merge is not null)
                {
                    await context.Error.WriteLineAsync(MergeLine(merge)).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command ReportCommand(CliHost host)
    {
        var journal = JournalOption();
        var output = new Option<string>("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => "report.html", HelpName = "report.html" };
        var title = new Option<string>("--title") { Description = "The report's title.", DefaultValueFactory = _ => "Video quality report" };
        var framesFor = new Option<int>("--frames-for") { Description = $"Embed the kept frames of the worst N videos (0-{ReportOptions.MaxFramesFor}; 0: none). Frames are kept by cosqe analyze, or fetched by --frames (billed); otherwise the report fetches nothing.", DefaultValueFactory = _ => ReportOptions.DefaultFramesFor, HelpName = "N" };
        framesFor.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > ReportOptions.MaxFramesFor)
            {
                r.AddError($"invalid --frames-for: use 0 to {ReportOptions.MaxFramesFor}.");
            }
        });
        var frames = new Option<int?>("--frames")
        {
            Description = $"Fetch the frames of the worst N videos' findings (and a poster each) of batch results through CI's GetSnapshot — billed per call — and keep them in the journal (1-{ReportOptions.MaxFramesFor}, at most --frames-for; a rerun fetches nothing twice). Simulated results get none. Off by default.",
            HelpName = "N",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= ReportOptions.MaxFramesFor)
                {
                    return n;
                }

                r.AddError($"invalid --frames \"{JobText.Sanitize(text)}\": use a number of videos, 1 to {ReportOptions.MaxFramesFor} (each snapshot is billed; leave the option out to fetch none).");
                return null;
            },
        };
        var command = new Command("report", "Write one self-contained HTML report (summary, histogram, legend, worst videos with their frames and facts, findings timelines, all videos).") { journal, output, title, framesFor, frames };
        command.SetAction(CommandActions.Action(host, async context =>
        {
            var path = Path.GetFullPath(context.Parse.GetValue(output)!, host.CurrentDirectory);
            var fetchFor = context.Parse.GetValue(frames);
            var embedFor = context.Parse.GetValue(framesFor);
            if (fetchFor > embedFor)
            {
                throw new CliUsageException($"invalid --frames {fetchFor}: the report embeds the frames of the worst {embedFor} only (--frames-for); raise --frames-for too.");
            }

            SnapshotFetch? fetched = null;
            var merge = await WithRowsAsync(host, context.Parse.GetValue(journal)!, async (rows, merge, files) =>
            {
                var all = rows.ToList();
                var options = new ReportOptions { FramesFor = embedFor };
                if (fetchFor is { } count)
                {
                    fetched = await ReportSnapshots.FetchAsync(context, all, files, count, 1 + options.StripFrames).ConfigureAwait(false);
                    await context.Error.WriteLineAsync(fetched.Describe()).ConfigureAwait(false);
                }

                // Read after the fetch: the frames table may have just been created.
                options = options with { Extras = new JournalVideoExtras(files) };
                var temp = path + ".tmp";
                await using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
                {
                    HtmlReport.Write(writer, all, context.Parse.GetValue(title)!, host.Time.GetUtcNow(), merge is null ? null : new MergeSummary(merge.Journals, merge.Conflicts), options);
                }

                File.Move(temp, path, overwrite: true);
                return merge;
            }).ConfigureAwait(false);
            if (merge is not null)
            {
                await context.Error.WriteLineAsync(MergeLine(merge)).ConfigureAwait(false);
            }

            if (context.Json)
            {
                await context.Out.WriteLineAsync(JobJson.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("report", path);
                    if (fetched is { } f)
                    {
                        w.WriteStartObject("snapshots");
                        w.WriteNumber("requested", f.Requested);
                        w.WriteNumber("videos", f.Videos);
                        w.WriteNumber("alreadyKept", f.AlreadyKept);
                        w.WriteNumber("kept", f.Kept);
                        w.WriteNumber("notAvailable", f.NotAvailable);
                        w.WriteNumber("missingObjects", f.MissingObjects);
                        w.WriteNumber("simulatedSnapshots", f.SimulatedAnswers);
                        w.WriteNumber("simulatedResults", f.SimulatedResults);
                        w.WriteNumber("localAnalysisResults", f.LocalResults);
                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                })).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"Wrote {path}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command EmulatorCommand(CliHost host)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("invalid --port: use 0 to 65535.");
            }
        });
        var queueDelay = CliParsing.DurationOption("--queue-delay", "How long a job stays Submitted.", TimeSpan.FromSeconds(1));
        var runDuration = CliParsing.DurationOption("--run-duration", "How long a job stays Running.", TimeSpan.FromSeconds(2));
        var noAnalysis = new Option<bool>("--no-analysis") { Description = "Do not analyse uploaded videos with ffmpeg: every result is simulated (made up, labelled so)." };
        var command = new Command("emulator", "Run the loopback emulator of the service until Ctrl+C.") { port, queueDelay, runDuration, noAnalysis };
        command.SetAction(CommandActions.Action(host, async context =>
        {
            await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions
            {
                Port = context.Parse.GetValue(port),
                QueueDelay = context.Parse.GetValue(queueDelay),
                RunDuration = context.Parse.GetValue(runDuration),
                LocalAnalysis = !context.Parse.GetValue(noAnalysis),
            }, context.Cancel).ConfigureAwait(false);
            var listening = emulator.Endpoint.GetLeftPart(UriPartial.Authority);
            await context.Out.WriteLineAsync($"Listening on {listening}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"Bucket: {emulator.Bucket}  Region: {emulator.Region}").ConfigureAwait(false);
            // The same line as the standalone emulator's (whose default is off: a hermetic test double; cosqe turns it on).
            await context.Out.WriteLineAsync(context.Parse.GetValue(noAnalysis)
                ? "Local analysis: off (every result is simulated; without --no-analysis uploaded objects are analysed with ffmpeg)"
                : "Local analysis: on (uploaded objects are analysed with ffmpeg when it is installed; --no-analysis: every result simulated)").ConfigureAwait(false);
            // The emulator's fixed, public, well-known test credential (never a real key).
            await context.Out.WriteLineAsync($"export COS_ENDPOINT={listening} COS_BUCKET={emulator.Bucket} COS_REGION={emulator.Region} COS_SECRET_ID={emulator.Credential.SecretId} COS_SECRET_KEY={emulator.Credential.SecretKey}").ConfigureAwait(false);
            await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, context.Cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await context.Out.WriteLineAsync("Stopping.").ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Sign(CliHost host)
    {
        var method = new Option<string>("--method") { Description = "HTTP method, e.g. GET.", Required = true };
        var path = new Option<string>("--path") { Description = "Request path, e.g. /jobs.", Required = true };
        var headers = new Option<string[]>("--header") { Description = "A signed header as name=value (repeatable).", HelpName = "k=v" };
        var parameters = new Option<string[]>("--param") { Description = "A signed query parameter as name=value (repeatable).", HelpName = "k=v" };
        var validity = CliParsing.DurationOption("--valid-for", "How long the signature is valid.", TimeSpan.FromMinutes(10));
        var command = new Command("sign", "Print the Authorization for a request, signed with the COS_SECRET_ID/COS_SECRET_KEY credentials (a debugging aid).") { method, path, headers, parameters, validity };
        command.SetAction(CommandActions.Action(host, async context =>
        {
            var parse = context.Parse;
            var requestPath = parse.GetValue(path)!;
            if (!requestPath.StartsWith('/'))
            {
                throw new CliUsageException($"invalid --path \"{requestPath}\": it must start with '/'.");
            }

            var verb = parse.GetValue(method)!;
            if (verb.Length == 0 || !verb.All(char.IsAsciiLetter))
            {
                throw new CliUsageException($"invalid --method \"{verb}\": use an HTTP method such as GET or POST.");
            }

            if (!context.Config.HasCredentials)
            {
                throw new CliUsageException("missing credentials: set COS_SECRET_ID and COS_SECRET_KEY.");
            }

            var credential = await new EnvironmentCosCredentialProvider(host.GetEnvironmentVariable).GetCredentialAsync(context.Cancel).ConfigureAwait(false);
            var now = host.Time.GetUtcNow();
            var authorization = CosSigner.CreateAuthorization(
                credential,
                verb.ToUpperInvariant(),
                requestPath,
                CliParsing.ParsePairs(parse.GetValue(parameters), "--param"),
                CliParsing.ParsePairs(parse.GetValue(headers), "--header"),
                now,
                now + parse.GetValue(validity));
            if (context.Json)
            {
                await context.Out.WriteLineAsync(JobJson.Write(w => { w.WriteStartObject(); w.WriteString("authorization", authorization); w.WriteEndObject(); })).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(authorization).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}

/// <summary>Writes journal rows as CSV, a JSON array or JSON lines.</summary>
internal static class Exporter
{
    public static void Write(TextWriter output, IEnumerable<JournalRow> rows, string format)
    {
        switch (format)
        {
            case "csv":
                output.Write("key,jobId,state,score,code,message,source,mode,findingsMeasured\n");
                foreach (var row in rows)
                {
                    output.Write(string.Join(',', Csv(row.Key), Csv(row.JobId), Csv(StateOf(row)), row.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty, Csv(row.Code), Csv(row.Message), Csv(row.Source), Csv(row.Mode), FindingsMeasuredCell(row)));
                    output.Write('\n');
                }

                break;
            case "json":
                output.Write('[');
                var first = true;
                foreach (var row in rows)
                {
                    output.Write(first ? "\n  " : ",\n  ");
                    first = false;
                    output.Write(Json(row));
                }

                output.Write(first ? "]\n" : "\n]\n");
                break;
            default:
                foreach (var row in rows)
                {
                    output.Write(Json(row));
                    output.Write('\n');
                }

                break;
        }
    }

    public static string StateOf(JournalRow row) => row.DisplayState;

    private static string Json(JournalRow row) => JobJson.Write(
        w =>
        {
            w.WriteStartObject();
            w.WriteString("key", row.Key);
            JobJson.WriteStringOrNull(w, "jobId", row.JobId);
            w.WriteString("state", StateOf(row));
            JobJson.WriteNumberOrNull(w, "score", row.Score);
            JobJson.WriteStringOrNull(w, "code", row.Code);
            JobJson.WriteStringOrNull(w, "message", row.Message);
            JobJson.WriteStringOrNull(w, "source", row.Source);
            JobJson.WriteStringOrNull(w, "mode", row.Mode);
            if (ModeLabels.FindingsMeasured(row.Mode) is { } measured)
            {
                w.WriteBoolean("findingsMeasured", measured);
            }
            else
            {
                w.WriteNull("findingsMeasured");
            }

            w.WriteStartArray("findings");
            foreach (var f in Findings.Parse(row))
            {
                w.WriteStartObject();
                w.WriteString("type", f.Type);
                JobJson.WriteNumberOrNull(w, "start", f.Start);
                JobJson.WriteNumberOrNull(w, "end", f.End);
                JobJson.WriteNumberOrNull(w, "confidence", f.Confidence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        },
        indented: false);

    /// <summary><c>false</c> for a general (score-only) row, <c>true</c> for vqaPlus, empty when the mode is unknown.</summary>
    private static string FindingsMeasuredCell(JournalRow row) => ModeLabels.FindingsMeasured(row.Mode) switch
    {
        true => "true",
        false => "false",
        null => string.Empty,
    };

    /// <summary>RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading apostrophe.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
