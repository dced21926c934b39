using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// Renders a journal as ONE self-contained HTML file: inline CSS, SVG and JS, a CSP that forbids any fetch, everything
/// from the journal HTML-encoded (static parts) or inserted with textContent / JSON-escaped (the script's data).
/// </summary>
internal static class HtmlReport
{
    private const int WorstCount = 10;

    /// <summary>The good-quality bar as the report prints it (<see cref="QualityEstimate.GoodQualityThreshold"/>).</summary>
    private static readonly string GoodBar = QualityEstimate.GoodQualityThreshold.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Writes the report of <paramref name="rows"/>; <paramref name="merge"/> says how several journals were merged (null: one journal).</summary>
    public static void Write(TextWriter output, IEnumerable<JournalRow> rows, string title, DateTimeOffset generated, MergeSummary? merge = null, ReportOptions? reportOptions = null)
    {
        var all = rows.ToList();
        var facts = new Dictionary<JournalRow, MediaFacts>(ReferenceEqualityComparer.Instance);
        if (reportOptions?.Extras is { } extras)
        {
            foreach (var row in all)
            {
                if (row.State == JournalState.Success && extras.FactsOf(row) is { } known)
                {
                    facts[row] = known;
                }
            }
        }

        // Only results that may carry a verdict (SourceLabels) feed the statistics, the "Good" card and "worst videos".
        var scored = all.Where(r => r.State == JournalState.Success && r.Score is not null).ToList();
        var measured = scored.Where(r => HasVerdict(r)).ToList();
        var scores = measured.Select(r => r.Score!.Value).OrderBy(s => s).ToList();
        var failed = all.Count(r => r.State is { IsFailure: true });
        var pending = all.Count - failed - all.Count(r => r.State == JournalState.Success);
        var mean = scores.Count > 0 ? scores.Average() : (double?)null;
        double? median = scores.Count == 0 ? null : scores.Count % 2 == 1 ? scores[scores.Count / 2] : (scores[(scores.Count / 2) - 1] + scores[scores.Count / 2]) / 2;
        var good = scores.Count(s => s >= QualityEstimate.GoodQualityThreshold);
        var share = scores.Count > 0 ? (double)good / scores.Count : (double?)null;

        var h = new StringBuilder(64 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        h.Append("<header><h1>").Append(E(title)).Append("</h1><p class=\"muted\">Generated ").Append(E(generated.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append(" by cosqe</p></header>");

        if (merge is { } merged)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p id=\"merge\" class=\"muted\">Merged from {merged.Journals} journals: {merged.Conflicts} conflict(s) resolved (a key found in more than one journal keeps its newest result).</p>");
        }

        SourceBanner(h, all);

        // Summary
        h.Append("<section id=\"summary\" class=\"cards\">");
        Card(h, "videos", all.Count.ToString(CultureInfo.InvariantCulture), "Videos");
        Card(h, "mean", Fmt(mean), "Mean score");
        Card(h, "median", Fmt(median), "Median score");
        var withoutVerdict = scored.Count - measured.Count;
        Card(h, "good", share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–",
            withoutVerdict > 0 ? $"Good (score ≥ {GoodBar}) of {measured.Count} measured; {withoutVerdict} without a verdict left out" : $"Good (score ≥ {GoodBar})");
        Card(h, "failed", failed.ToString(CultureInfo.InvariantCulture), "Failed");
        Card(h, "pending", pending.ToString(CultureInfo.InvariantCulture), "Pending");
        h.Append("</section>");

        // Histogram
        h.Append("<section><h2>Score distribution</h2>");
        Histogram(h, scores);
        h.Append("</section>");

        // Findings by type across the catalog
        h.Append("<section id=\"types\"><h2>Findings by type across the catalog</h2>");
        FindingsByType(h, all);
        h.Append("</section>");

        ReportLegend.Write(h);

        // Worst videos: a section each, with the poster, the facts, a timeline over the clip and a strip of finding frames.
        var options = reportOptions ?? new ReportOptions();
        var worst = WorstVideos.Of(measured, Math.Max(WorstCount, options.FramesFor));
        h.Append("<section id=\"worst\"><h2>Worst videos</h2>");
        if (worst.Count == 0)
        {
            h.Append("<p class=\"muted\">No measured score yet (simulated, unknown-source and unmarked results carry no verdict).</p>");
        }
        else
        {
            var budget = new FrameBudget(options.FrameBudgetChars);
            var sections = new StringBuilder();
            for (var i = 0; i < worst.Count; i++)
            {
                var row = worst[i];
                var withFrames = i < options.FramesFor && options.Extras is not null;
                VideoSection.Write(sections, i, row, facts.GetValueOrDefault(row), withFrames ? options.Extras!.FramesOf(row) : [], options, budget, options.Extras?.BreakdownOf(row));
            }

            h.Append(CultureInfo.InvariantCulture, $"<p id=\"frame-budget\" class=\"muted\">The {worst.Count} lowest measured scores, worst first. Frames (a poster and up to {options.StripFrames} finding frames each) for the worst {Math.Min(options.FramesFor, worst.Count)} (<code>--frames-for</code>); {budget.Written} frame(s) embedded");
            h.Append(budget.LeftOut > 0 ? string.Create(CultureInfo.InvariantCulture, $", {budget.LeftOut} left out to keep the report's frames within {options.FrameBudgetChars / 1_000_000.0:0.#} MB") : string.Empty).Append(".</p>");
            // The worst at a glance (each row links to its section below).
            h.Append("<table class=\"grid\" id=\"worst-table\"><thead><tr><th>Key</th><th>Score</th><th>Source</th><th>Mode</th><th>Findings</th></tr></thead><tbody>");
            for (var i = 0; i < worst.Count; i++)
            {
                var row = worst[i];
                var count = row.Result.Findings.Count;
                h.Append("<tr><td class=\"key\"><a href=\"#video-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(E(row.Key)).Append("</a></td><td class=\"num\">").Append(Fmt(row.Score))
                    .Append("</td><td class=\"source source-").Append(E(SourceOf(row))).Append("\">").Append(E(SourceOf(row))).Append("</td><td class=\"mode\">").Append(E(row.Mode ?? "–"))
                    .Append("</td><td>").Append(count == 0 && ModeLabels.FindingsMeasured(row.Mode) == false ? E(ModeLabels.ScoreOnly) : count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>");
            }

            h.Append("</tbody></table>");
            h.Append(sections);
        }

        h.Append("</section>");

        // All videos: a table built by the script from the JSON below (sortable, filterable); rows expand to a timeline.
        h.Append("<section id=\"all\"><h2>All videos</h2><div class=\"controls\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by key, state, code or finding\" aria-label=\"Filter\">");
        h.Append("<select id=\"state\" aria-label=\"State\"><option value=\"\">All states</option><option>Success</option><option>Failed</option><option>Rejected</option><option>Pending</option></select>");
        h.Append("<span id=\"count\" class=\"muted\"></span></div>");
        h.Append("<table class=\"grid\" id=\"videos\"><thead><tr><th data-col=\"k\">Key</th><th data-col=\"s\">State</th><th data-col=\"sc\">Score</th><th data-col=\"src\">Source</th><th data-col=\"md\">Mode</th><th data-col=\"n\">Findings</th><th data-col=\"c\">Code</th><th data-col=\"m\">Message</th></tr></thead><tbody></tbody></table>");
        h.Append("<noscript><p>Enable JavaScript to see the full table.</p></noscript></section>");

        h.Append("<script type=\"application/json\" id=\"data\">");
        var notes = new Dictionary<string, int>(StringComparer.Ordinal);
        h.Append("{\"rows\":").Append(Data(all, facts, notes)).Append(",\"notes\":").Append(Notes(notes)).Append('}');
        h.Append("</script><script>").Append(Script).Append("</script></body></html>\n");
        output.Write(h.ToString());
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    /// <summary>The row's source as shown (<c>service</c>, <c>local-analysis</c>, <c>simulated</c>, <c>unknown</c>); a row
    /// without a recorded source shows <c>–</c>.</summary>
    private static string SourceOf(JournalRow row) => row.Source ?? "–";

    /// <summary>Whether the row's result may carry a verdict (and so count in the mean, "Good" and "worst videos"):
    /// <see cref="SourceLabels.HasVerdict(string?)"/> decides (simulated, unknown and a row without a source have none).</summary>
    private static bool HasVerdict(JournalRow row) => SourceLabels.HasVerdict(row.Source);

    /// <summary>Simulated or unknown-source results: numbers that were not measured from the video.</summary>
    private static bool IsUnmeasured(string? source) => source is not null && !SourceLabels.HasVerdict(source);

    /// <summary>
    /// A banner above everything when any result is not the service's: simulated (or unknown-source) results are made up
    /// and must not be read as quality; local-analysis results are heuristics computed on the user's machine.
    /// </summary>
    private static void SourceBanner(StringBuilder h, List<JournalRow> rows)
    {
        var simulated = rows.Count(r => IsUnmeasured(r.Source));
        var local = rows.Count(r => r.Source == SourceLabels.LocalAnalysis);
        if (simulated == 0 && local == 0)
        {
            return;
        }

        h.Append("<section id=\"source-banner\" role=\"alert\">");
        if (simulated > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"banner simulated\"><strong>SIMULATED:</strong> {simulated} of {rows.Count} result(s) were made up by the emulator (derived from the object key, not measured from the video). Their scores and findings say nothing about the videos. Run <code>cosqe analyze</code> on the files (ffmpeg) or estimate them with the real service for real results.</p>");
        }

        if (local > 0)
        {
            h.Append(CultureInfo.InvariantCulture, $"<p class=\"banner local\"><strong>LOCAL ANALYSIS:</strong> {local} of {rows.Count} result(s) were computed on this machine from the video's bytes by ffmpeg-based heuristics. They approximate, and do not reproduce, the Tencent Cloud service's model.</p>");
        }

        h.Append("</section>");
    }

    /// <summary>A horizontal bar chart: for each finding type, how many videos have it (and how many occurrences in all).</summary>
    private static void FindingsByType(StringBuilder h, List<JournalRow> rows)
    {
        var videos = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var findings = Findings.Parse(row);
            foreach (var finding in findings)
            {
                occurrences[finding.Type] = occurrences.GetValueOrDefault(finding.Type) + 1;
            }

            foreach (var type in findings.Select(f => f.Type).Distinct(StringComparer.Ordinal))
            {
                videos[type] = videos.GetValueOrDefault(type) + 1;
            }
        }

        if (videos.Count == 0)
        {
            h.Append("<p class=\"muted\">No findings recorded.</p>");
            return;
        }

        var types = videos.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var max = Math.Max(1, types[0].Value);
        const int width = 600, label = 140, lane = 22, right = 150;
        var height = (types.Count * lane) + 10;
        h.Append(CultureInfo.InvariantCulture, $"<svg id=\"findings-by-type\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Findings by type across the catalog\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < types.Count; i++)
        {
            var (type, count) = (types[i].Key, types[i].Value);
            var y = (i * lane) + 5;
            var barWidth = Math.Max(2, (width - label - right) * count / (double)max);
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{label - 6}\" y=\"{y + 14}\" class=\"lane type\">{E(Truncate(type, 20))}</text>");
            h.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar type\" data-type=\"{E(type)}\" data-videos=\"{count}\" x=\"{label}\" y=\"{y + 2}\" width=\"{barWidth:0.##}\" height=\"16\"><title>{E(type)}: {count} video(s), {occurrences[type]} occurrence(s)</title></rect>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{label + barWidth + 6:0.##}\" y=\"{y + 14}\" class=\"lane\">{count} video(s), {occurrences[type]} occ.</text>");
        }

        h.Append("</svg>");
    }

    private static string Fmt(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static void Card(StringBuilder h, string id, string value, string label) =>
        h.Append("<div class=\"card\" id=\"card-").Append(id).Append("\"><div class=\"value\">").Append(E(value)).Append("</div><div class=\"label\">").Append(E(label)).Append("</div></div>");

    private static void Histogram(StringBuilder h, List<double> scores)
    {
        var bins = new int[10];
        foreach (var score in scores)
        {
            bins[Math.Clamp((int)Math.Floor(score), 0, 9)]++;
        }

        var max = Math.Max(1, bins.Max());
        const int width = 600, height = 230, left = 40, bottom = 30, top = 22;
        var barWidth = (width - left - 10) / 10.0;
        h.Append(CultureInfo.InvariantCulture, $"<svg id=\"histogram\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Histogram of scores\" xmlns=\"http://www.w3.org/2000/svg\">");
        h.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 10}\" y2=\"{height - bottom}\" class=\"axis\"/>");
        for (var i = 0; i < 10; i++)
        {
            var barHeight = (height - bottom - top) * bins[i] / (double)max;
            var x = left + (i * barWidth) + 2;
            var y = height - bottom - barHeight;
            var css = i >= QualityEstimate.GoodQualityThreshold ? "bar good" : "bar poor";
            h.Append(CultureInfo.InvariantCulture, $"<rect class=\"{css}\" data-bin=\"{i}\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{barWidth - 4:0.##}\" height=\"{barHeight:0.##}\"><title>{i}–{i + 1}: {bins[i]} video(s)</title></rect>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + ((barWidth - 4) / 2):0.##}\" y=\"{height - bottom + 16}\" class=\"tick\">{i}</text>");
            if (bins[i] > 0)
            {
                h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + ((barWidth - 4) / 2):0.##}\" y=\"{y - 3:0.##}\" class=\"count\">{bins[i]}</text>");
            }
        }

        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - 10}\" y=\"{height - bottom + 16}\" class=\"tick\">10</text>");
        h.Append("</svg>");
    }

    /// <summary>
    /// A timeline of <paramref name="findings"/> over <paramref name="duration"/> seconds (the whole clip; at least the last
    /// finding). With <paramref name="id"/> (a video section's id) each finding is a button (focusable, Enter/Space) that
    /// shows its frame in that section's viewer.
    /// </summary>
    internal static void Timeline(StringBuilder h, IReadOnlyList<JournalFinding> findings, string? mode, double duration, string? id = null)
    {
        if (findings.Count == 0 && ModeLabels.FindingsMeasured(mode) == false)
        {
            // A general (score-only) job did not look for findings: never "no findings".
            h.Append("<span class=\"muted not-measured\">").Append(E(ModeLabels.ScoreOnly)).Append("</span>");
            return;
        }

        if (findings.Count == 0)
        {
            h.Append("<span class=\"muted\">no findings</span>");
            return;
        }

        var types = findings.Select(f => f.Type).Distinct(StringComparer.Ordinal).ToList();
        var span = Math.Max(Math.Max(duration, 0.1), findings.Max(f => Math.Max(f.End ?? 0, f.Start ?? 0)));
        const int width = 640, label = 120, laneHeight = 18;
        var height = (types.Count * laneHeight) + 18;
        h.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"group\" aria-label=\"Findings over the clip, 0 to {span:0.#} s\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var lane = 0; lane < types.Count; lane++)
        {
            var y = lane * laneHeight;
            h.Append(CultureInfo.InvariantCulture, $"<rect class=\"lane-bg\" x=\"{label}\" y=\"{y + 2}\" width=\"{width - label - 5}\" height=\"13\"/>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\" class=\"lane\">{E(Truncate(types[lane], 16))}</text>");
            foreach (var f in findings.Where(f => f.Type == types[lane]))
            {
                var start = Math.Clamp(f.Start ?? 0, 0, span);
                var end = Math.Clamp(f.End ?? start, start, span);
                var x = label + ((width - label - 5) * start / span);
                var w = Math.Max(3, (width - label - 5) * (end - start) / span);
                var opacity = f.Confidence is { } c ? Math.Clamp(0.35 + (c / 150.0), 0.35, 1) : 0.6;
                var text = VideoSection.Describe(f);
                var button = id is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" tabindex=\"0\" role=\"button\" aria-label=\"{E(text)}: show its frame\" data-frame=\"{id}-f{Frames.FramePlan.Middle(f.Start, f.End)}\" data-viewer=\"{id}-viewer\"");
                h.Append(CultureInfo.InvariantCulture, $"<rect class=\"finding\" x=\"{x:0.##}\" y=\"{y + 3}\" width=\"{w:0.##}\" height=\"11\" fill-opacity=\"{opacity:0.##}\"{button}><title>{E(text)}</title></rect>");
            }
        }

        h.Append(CultureInfo.InvariantCulture, $"<text x=\"{label}\" y=\"{height - 2}\" class=\"tick\">0s</text><text x=\"{width - 30}\" y=\"{height - 2}\" class=\"tick\">{span.ToString("0.#", CultureInfo.InvariantCulture)}s</text></svg>");
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";

    /// <summary>The rows as JSON, escaped for a &lt;script&gt; element (the default encoder escapes &lt;, &gt;, &amp; and quotes).</summary>
    private static string Data(List<JournalRow> rows, Dictionary<JournalRow, MediaFacts> facts, Dictionary<string, int> notes)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                w.WriteString("k", row.Key);
                w.WriteString("s", row.State is { IsTerminal: true } state ? state.Name : "Pending");
                if (row.Score is { } score)
                {
                    w.WriteNumber("sc", Math.Round(score, 2));
                }
                else
                {
                    w.WriteNull("sc");
                }

                w.WriteString("src", SourceOf(row));
                w.WriteString("md", row.Mode ?? "–");
                w.WriteString("c", row.Code ?? string.Empty);
                w.WriteString("m", row.Message ?? string.Empty);
                w.WriteStartArray("f");
                foreach (var f in Findings.Parse(row))
                {
                    w.WriteStartArray();
                    w.WriteStringValue(f.Type);
                    WriteNumber(w, f.Start);
                    WriteNumber(w, f.End);
                    WriteNumber(w, f.Confidence);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
                if (facts.TryGetValue(row, out var known))
                {
                    // The drill-down's facts: duration (the timeline's span), resolution, codec, frame rate, audio tracks, notes.
                    WriteFacts(w, known, notes);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteFacts(Utf8JsonWriter w, MediaFacts known, Dictionary<string, int> notes)
    {
        if (known.DurationSeconds is { } d && double.IsFinite(d))
        {
            w.WriteNumber("d", Math.Round(d, 2));
        }

        if (known is { Width: { } width, Height: { } height })
        {
            w.WriteString("r", string.Create(CultureInfo.InvariantCulture, $"{width}×{height}"));
        }

        if (known.VideoCodec is { } codec)
        {
            w.WriteString("vc", codec);
        }

        if (known.FramesPerSecond is { } fps && double.IsFinite(fps))
        {
            w.WriteNumber("fps", Math.Round(fps, 2));
        }

        if (known.AudioTracks is { } audio)
        {
            w.WriteNumber("au", audio);
        }

        if (known.Notes.Count > 0)
        {
            // Notes repeat across a catalog: each distinct note is written once (the "notes" script), rows name its index.
            w.WriteStartArray("nt");
            foreach (var note in known.Notes)
            {
                if (!notes.TryGetValue(note, out var index))
                {
                    index = notes.Count;
                    notes[note] = index;
                }

                w.WriteNumberValue(index);
            }

            w.WriteEndArray();
        }
    }

    /// <summary>The distinct notes named by the rows' <c>nt</c> indexes, in index order, as JSON.</summary>
    private static string Notes(Dictionary<string, int> notes)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
        {
            w.WriteStartArray();
            foreach (var note in notes.OrderBy(p => p.Value))
            {
                w.WriteStringValue(note.Key);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNumber(Utf8JsonWriter w, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private const string Css = """
        :root{--fg:#1d2330;--muted:#6b7385;--bg:#f6f7fb;--card:#fff;--good:#2f9e6e;--poor:#d9534f;--accent:#3b6fd8}
        *{box-sizing:border-box}body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        h1{margin:0 0 4px;font-size:22px}h2{font-size:17px;margin:28px 0 10px}.muted{color:var(--muted)}
        .cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:var(--card);border-radius:8px;padding:12px 16px;min-width:130px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .card .value{font-size:24px;font-weight:600}.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
        .chart{background:var(--card);border-radius:8px;max-width:640px;width:100%;height:auto}.axis{stroke:#99a;stroke-width:1}
        .bar.good{fill:var(--good)}.bar.poor{fill:var(--poor)}.tick,.count,.lane{font-size:11px;fill:var(--muted)}.tick,.count{text-anchor:middle}
        .finding{fill:var(--accent)}.timeline{background:#fafbff;border-radius:4px}
        table.grid{border-collapse:collapse;background:var(--card);width:100%;border-radius:8px;overflow:hidden}
        .grid th,.grid td{padding:6px 10px;border-bottom:1px solid #eceef4;text-align:left;vertical-align:top}
        .grid th{background:#eef1f8;cursor:pointer;user-select:none;white-space:nowrap}.grid th.sorted-asc::after{content:" ▲"}.grid th.sorted-desc::after{content:" ▼"}
        .grid td.key{font-family:ui-monospace,Consolas,monospace;word-break:break-all}.num{text-align:right}
        tr.video{cursor:pointer}tr.video:hover{background:#f3f6ff}tr.detail td{background:#fafbff}
        .controls{display:flex;gap:10px;align-items:center;margin-bottom:10px}.controls input{flex:1;max-width:420px;padding:6px 8px}
        .state-Success{color:var(--good)}.state-Failed,.state-Rejected{color:var(--poor)}
        .banner{margin:12px 0;padding:10px 14px;border-radius:8px;font-size:15px}.banner.simulated{background:#fde8e7;border:2px solid var(--poor)}
        .banner.local{background:#e8effd;border:2px solid var(--accent)}.source-simulated,.source-unknown{color:var(--poor);font-weight:600}
        .bar.type{fill:var(--accent)}text.type{text-anchor:end}
        .video-card{background:var(--card);border-radius:8px;padding:12px 16px;margin:14px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .video-card h3{font-size:15px;margin:0 0 10px;display:flex;flex-wrap:wrap;gap:10px;align-items:baseline}.video-card h3 .key{font-family:ui-monospace,Consolas,monospace;word-break:break-all}
        .video-card h3 .score{font-size:18px}.video-card h4{font-size:13px;margin:10px 0 4px}
        .overview{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin-bottom:8px}figure{margin:0}
        .shot{position:relative;display:inline-block;line-height:0;background:#222;border-radius:4px;overflow:hidden}
        .shot img{display:block;max-width:320px;height:auto}.shot svg.area{position:absolute;left:0;top:0;width:100%;height:100%}
        .shot svg.area rect{fill:none;stroke:#ff2d55;stroke-width:2}
        .shot.missing{width:160px;height:90px;display:flex;align-items:center;justify-content:center;background:#eceef4;color:var(--muted);line-height:1.2;font-size:12px;text-align:center}
        .shot.empty{width:320px;height:180px;background:#eceef4}
        .strip{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}.strip figure{max-width:200px}.strip .shot img{max-width:200px}
        figure.selected .shot{outline:3px solid #ff2d55}
        figcaption{font-size:12px;color:var(--muted);margin-top:4px;line-height:1.3;max-width:320px}
        dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:0;font-size:13px}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
        rect.finding[role=button]{cursor:pointer}rect.finding:focus{outline:none;stroke:#111;stroke-width:2}rect.finding.selected{stroke:#ff2d55;stroke-width:2}
        .lane-bg{fill:#eef1f8}.grid.findings{margin-top:6px;font-size:13px}.notes{margin:0;padding-left:18px;font-size:13px}
        dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;background:var(--card);padding:10px 14px;border-radius:8px}dl.legend dt{font-weight:600}dl.legend dd{margin:0}
        .detail dl.facts{margin:8px 0}
        """;

    private const string Script = """
        (function () {
          'use strict';
          var SCORE_ONLY = 'score only \u2014 findings not measured';
          var parsed = JSON.parse(document.getElementById('data').textContent);
          var data = parsed.rows, noteText = parsed.notes;
          var tbody = document.querySelector('#videos tbody');
          var filter = document.getElementById('filter');
          var stateSelect = document.getElementById('state');
          var count = document.getElementById('count');
          var sortCol = 'sc', sortDir = 1, limit = 1000;
          var svgNs = 'http://www.w3.org/2000/svg';

          function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) { e.textContent = String(text); } if (cls) { e.className = cls; } return e; }
          function svg(tag, attrs) { var e = document.createElementNS(svgNs, tag); for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, String(attrs[k])); } } return e; }
          function fmt(v) { return v === null || v === undefined ? '–' : Number(v).toFixed(2); }

          function timeline(f, md, d) {
            if (!f.length && md === 'general') { return el('span', SCORE_ONLY, 'muted not-measured'); }
            if (!f.length) { return el('span', 'no findings', 'muted'); }
            var types = [], span = Math.max(d || 0, 0.1);
            f.forEach(function (x) { if (types.indexOf(x[0]) < 0) { types.push(x[0]); } span = Math.max(span, x[1] || 0, x[2] || 0); });
            var width = 520, label = 120, lane = 16, height = types.length * lane + 18;
            var s = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, 'class': 'timeline' });
            types.forEach(function (t, i) {
              var text = svg('text', { x: 0, y: i * lane + 12, 'class': 'lane' }); text.textContent = t.length > 18 ? t.slice(0, 17) + '…' : t; s.appendChild(text);
              f.filter(function (x) { return x[0] === t; }).forEach(function (x) {
                var start = Math.min(Math.max(x[1] || 0, 0), span), end = Math.min(Math.max(x[2] === null ? start : x[2], start), span);
                var r = svg('rect', { x: label + (width - label - 5) * start / span, y: i * lane + 3, width: Math.max(2, (width - label - 5) * (end - start) / span), height: 11, 'class': 'finding' });
                var title = svg('title', {}); title.textContent = t + ': ' + fmt(x[1]) + 's–' + fmt(x[2]) + 's, confidence ' + (x[3] === null ? 'n/a' : x[3]);
                r.appendChild(title); s.appendChild(r);
              });
            });
            var a = svg('text', { x: label, y: height - 2, 'class': 'tick' }); a.textContent = '0s'; s.appendChild(a);
            var b = svg('text', { x: width - 30, y: height - 2, 'class': 'tick' }); b.textContent = span.toFixed(1) + 's'; s.appendChild(b);
            return s;
          }

          function detail(r) {
            var box = el('div');
            box.appendChild(timeline(r.f, r.md, r.d));
            var dl = el('dl', null, 'facts');
            [['Duration', r.d === undefined ? '\u2013' : Number(r.d).toFixed(1) + ' s'], ['Resolution', r.r || '\u2013'], ['Video codec', r.vc || '\u2013'],
             ['Frame rate', r.fps === undefined ? '\u2013' : r.fps + ' fps'], ['Audio tracks', r.au === undefined ? '\u2013' : r.au],
             ['Mode', r.md === 'general' ? 'general: ' + SCORE_ONLY : r.md], ['Source', r.src]].forEach(function (p) { dl.appendChild(el('dt', p[0])); dl.appendChild(el('dd', p[1])); });
            box.appendChild(dl);
            if (r.f.length) {
              var ul = el('ul', null, 'notes');
              r.f.forEach(function (x) { ul.appendChild(el('li', x[0] + ' \u00b7 ' + fmt(x[1]) + '\u2013' + fmt(x[2]) + ' s \u00b7 confidence ' + (x[3] === null ? 'n/a' : Math.round(x[3])))); });
              box.appendChild(ul);
            }
            if (r.nt && r.nt.length) {
              box.appendChild(el('h4', "Analyzer's notes"));
              var notes = el('ul', null, 'notes');
              r.nt.forEach(function (n) { notes.appendChild(el('li', noteText[n])); });
              box.appendChild(notes);
            }
            return box;
          }

          function showFrame(trigger) {
            var viewer = document.getElementById(trigger.getAttribute('data-viewer'));
            if (!viewer) { return; }
            var fig = document.getElementById(trigger.getAttribute('data-frame'));
            var cap = viewer.querySelector('figcaption'), shot;
            if (fig) { shot = fig.querySelector('.shot').cloneNode(true); cap.textContent = fig.querySelector('figcaption').textContent; }
            else { shot = el('div', 'frame not in this report', 'shot missing'); cap.textContent = trigger.getAttribute('aria-label') || ''; }
            viewer.replaceChild(shot, viewer.querySelector('.shot'));
            var card = viewer.closest('article') || document;
            card.querySelectorAll('.selected').forEach(function (x) { x.classList.remove('selected'); });
            trigger.classList.add('selected');
            if (fig) { fig.classList.add('selected'); }
            viewer.setAttribute('data-showing', trigger.getAttribute('data-frame'));
          }

          document.querySelectorAll('[data-frame]').forEach(function (t) {
            t.addEventListener('click', function () { showFrame(t); });
            t.addEventListener('focus', function () { showFrame(t); });
            t.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showFrame(t); } });
          });

          // Each viewer starts on its video's first finding frame (a copy of the strip's, nothing more in the file).
          document.querySelectorAll('figure.viewer').forEach(function (v) {
            var card = v.closest('article'), first = card && card.querySelector('.strip figure');
            var t = first && card.querySelector('[data-frame="' + first.id + '"]');
            if (t) { showFrame(t); }
          });

          function matches(row, q, st) {
            if (st && row.s !== st) { return false; }
            if (!q) { return true; }
            var hay = (row.k + ' ' + row.s + ' ' + row.src + ' ' + row.md + ' ' + row.c + ' ' + row.m + ' ' + row.f.map(function (x) { return x[0]; }).join(' ')).toLowerCase();
            return hay.indexOf(q) >= 0;
          }

          function value(row, col) { return col === 'n' ? (row.md === 'general' ? null : row.f.length) : row[col]; }

          function render() {
            var q = filter.value.trim().toLowerCase(), st = stateSelect.value;
            var rows = data.filter(function (r) { return matches(r, q, st); });
            rows.sort(function (a, b) {
              var x = value(a, sortCol), y = value(b, sortCol);
              if (x === null || x === undefined) { return 1; } if (y === null || y === undefined) { return -1; }
              return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
            });
            while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
            rows.slice(0, limit).forEach(function (r) {
              var tr = el('tr', null, 'video');
              tr.appendChild(el('td', r.k, 'key'));
              tr.appendChild(el('td', r.s, 'state-' + r.s));
              tr.appendChild(el('td', fmt(r.sc), 'num'));
              tr.appendChild(el('td', r.src, 'source source-' + r.src));
              tr.appendChild(el('td', r.md, 'mode'));
              tr.appendChild(el('td', r.md === 'general' && !r.f.length ? 'not measured' : r.f.length, 'num'));
              tr.appendChild(el('td', r.c));
              tr.appendChild(el('td', r.m));
              tr.addEventListener('click', function () {
                var next = tr.nextSibling;
                if (next && next.className === 'detail') { tbody.removeChild(next); return; }
                var d = el('tr', null, 'detail'), td = el('td'); td.colSpan = 8; td.appendChild(detail(r)); d.appendChild(td);
                tbody.insertBefore(d, tr.nextSibling);
              });
              tbody.appendChild(tr);
            });
            count.textContent = rows.length > limit ? ('showing ' + limit + ' of ' + rows.length + ' matching videos') : (rows.length + ' video(s)');
            document.querySelectorAll('#videos th').forEach(function (th) {
              th.className = th.getAttribute('data-col') === sortCol ? (sortDir > 0 ? 'sorted-asc' : 'sorted-desc') : '';
            });
          }

          document.querySelectorAll('#videos th').forEach(function (th) {
            th.addEventListener('click', function () {
              var col = th.getAttribute('data-col');
              if (col === sortCol) { sortDir = -sortDir; } else { sortCol = col; sortDir = 1; }
              render();
            });
          });
          filter.addEventListener('input', render);
          stateSelect.addEventListener('change', render);
          render();
          document.body.setAttribute('data-rendered', 'true');
        })();
        """;
}
