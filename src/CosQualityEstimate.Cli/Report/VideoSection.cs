using System.Globalization;
using System.Net;
using System.Text;
using CosQualityEstimate.Cli.Frames;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// One worst video's section of the report: its poster, facts (duration, resolution, codec, frame rate, audio tracks,
/// container, mode, source) and the analyzer's notes; a timeline over the whole clip whose findings show their frame in
/// the viewer when clicked or focused (Enter and Space too); a strip of finding frames captioned with type, time span and
/// confidence, the finding's area drawn on its frame; and a table of every finding. Frames are <c>data:</c> URIs with alt
/// text; a frame that was not kept, or that the budget left out, is a labelled placeholder. A local analysis's result
/// also shows its score's breakdown (pictures − encoding prior − defects, and the measured values behind them).
/// </summary>
internal static class VideoSection
{
    private static readonly string[] ImageTypes = ["image/jpeg", "image/png", "image/webp"];

    public static void Write(StringBuilder h, int index, JournalRow row, MediaFacts? facts, IReadOnlyList<StoredFrame> frames, ReportOptions options, FrameBudget budget, LocalScoreBreakdown? breakdown = null)
    {
        var id = "video-" + index.ToString(CultureInfo.InvariantCulture);
        var findings = row.Result.Findings;
        var source = row.Source ?? "–";
        var name = Path.GetFileName(row.Key);
        h.Append(CultureInfo.InvariantCulture, $"<article class=\"video-card\" id=\"{id}\" aria-labelledby=\"{id}-title\">");
        h.Append(CultureInfo.InvariantCulture, $"<h3 id=\"{id}-title\"><span class=\"key\">{E(row.Key)}</span> <span class=\"score\">{Fmt(row.Score)}</span> <span class=\"source source-{E(source)}\">{E(source)}</span> <span class=\"mode\">{E(row.Mode ?? "–")}</span></h3>");

        // Poster, facts, viewer.
        h.Append("<div class=\"overview\"><figure class=\"poster\">");
        var poster = frames.FirstOrDefault(f => f.Role == FrameRole.Poster);
        var posterAlt = poster is null ? $"No poster frame kept for {name}" : $"Poster frame of {name} at {poster.SeekSeconds:0.0} s";
        Shot(h, poster, posterAlt, [], facts, budget);
        h.Append("<figcaption>").Append(poster is { IsMissing: false } ? string.Create(CultureInfo.InvariantCulture, $"Poster, {poster.SeekSeconds:0.0} s") : "Poster").Append("</figcaption></figure>");
        Facts(h, row, facts);
        h.Append(CultureInfo.InvariantCulture, $"<figure class=\"viewer\" id=\"{id}-viewer\" aria-live=\"polite\"><div class=\"shot empty\"></div><figcaption>Click or focus a finding on the timeline to see its frame here.</figcaption></figure>");
        h.Append("</div>");
        if (breakdown is not null)
        {
            Breakdown(h, id, breakdown);
        }

        if (findings.Count == 0)
        {
            h.Append("<p class=\"muted").Append(ModeLabels.FindingsMeasured(row.Mode) == false ? " not-measured\">" + E(ModeLabels.ScoreOnly) : "\">no findings").Append("</p>");
        }
        else
        {
            var duration = Span(findings, facts);
            HtmlReport.Timeline(h, findings, row.Mode, duration, id);

            // The strip: the frames of the most confident findings (as kept), in time order.
            var byMiddle = frames.Where(f => f.Role == FrameRole.Finding).ToDictionary(f => f.AtMs);
            var shown = FramePlan.For(findings, duration).Where(p => p.Role == FrameRole.Finding).Take(options.StripFrames).Select(p => p.AtMs).Order().ToList();
            h.Append("<div class=\"strip\">");
            foreach (var at in shown)
            {
                var here = findings.Where(f => FramePlan.Middle(f.Start, f.End) == at).ToList();
                var caption = string.Join("; ", here.Select(Describe));
                byMiddle.TryGetValue(at, out var frame);
                h.Append(CultureInfo.InvariantCulture, $"<figure class=\"frame\" id=\"{id}-f{at}\">");
                Shot(h, frame, $"{caption} — frame at {at / 1000.0:0.00} s of {name}", here, facts, budget);
                h.Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>");
            }

            h.Append("</div>");
            FindingTable(h, id, findings, shown);
        }

        if (facts is { Notes.Count: > 0 })
        {
            h.Append("<h4>Analyzer's notes</h4><ul class=\"notes\">");
            foreach (var note in facts.Notes)
            {
                h.Append("<li>").Append(E(note)).Append("</li>");
            }

            h.Append("</ul>");
        }

        h.Append("</article>");
    }

    /// <summary>The timeline's span: the whole clip when its duration is known (never shorter than the last finding).</summary>
    public static double Span(IReadOnlyList<JournalFinding> findings, MediaFacts? facts) =>
        Math.Max(facts?.DurationSeconds ?? 0, findings.Count == 0 ? 0 : findings.Max(f => Math.Max(f.End ?? 0, f.Start ?? 0)));

    /// <summary>A finding as a caption: type, time span and confidence.</summary>
    public static string Describe(JournalFinding f) => string.Create(CultureInfo.InvariantCulture,
        $"{f.Type} · {Fmt(f.Start)}–{Fmt(f.End)} s · confidence {(f.Confidence is { } c ? c.ToString("0", CultureInfo.InvariantCulture) : "n/a")}");

    private static void Shot(StringBuilder h, StoredFrame? frame, string alt, IReadOnlyList<JournalFinding> findings, MediaFacts? facts, FrameBudget budget)
    {
        if (frame is null || frame.IsMissing || !ImageTypes.Contains(frame.ContentType, StringComparer.Ordinal))
        {
            h.Append("<div class=\"shot missing\" role=\"img\" aria-label=\"").Append(E(alt + " (no frame kept)")).Append("\"><span>no frame kept</span></div>");
            return;
        }

        var length = "data:;base64,".Length + frame.ContentType.Length + (((frame.Bytes.Length + 2) / 3) * 4);
        if (!budget.TryTake(length))
        {
            h.Append("<div class=\"shot missing\" role=\"img\" aria-label=\"").Append(E(alt + " (left out: the report's frame budget is spent)")).Append("\"><span>left out (size budget)</span></div>");
            return;
        }

        h.Append("<div class=\"shot\"><img class=\"frame-img\" src=\"data:").Append(frame.ContentType).Append(";base64,").Append(Convert.ToBase64String(frame.Bytes))
            .Append(CultureInfo.InvariantCulture, $"\" width=\"{frame.Width}\" height=\"{frame.Height}\" alt=\"{E(alt)}\">");
        var areas = findings.Where(f => f.Area.Count >= 4).ToList();
        if (areas.Count > 0 && facts is { Width: > 0 and var w, Height: > 0 and var ht })
        {
            h.Append(CultureInfo.InvariantCulture, $"<svg class=\"area\" viewBox=\"0 0 {w} {ht}\" preserveAspectRatio=\"none\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\">");
            foreach (var f in areas)
            {
                for (var i = 0; i + 3 < f.Area.Count; i += 4)
                {
                    var (x1, y1, x2, y2) = (Math.Min(f.Area[i], f.Area[i + 2]), Math.Min(f.Area[i + 1], f.Area[i + 3]), Math.Max(f.Area[i], f.Area[i + 2]), Math.Max(f.Area[i + 1], f.Area[i + 3]));
                    h.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x1}\" y=\"{y1}\" width=\"{Math.Max(1, x2 - x1)}\" height=\"{Math.Max(1, y2 - y1)}\" vector-effect=\"non-scaling-stroke\"/>");
                }
            }

            h.Append("</svg>");
        }

        h.Append("</div>");
    }

    private static void Facts(StringBuilder h, JournalRow row, MediaFacts? facts)
    {
        h.Append("<dl class=\"facts\">");
        Fact(h, "Duration", facts?.DurationSeconds is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d:0.0} s") : "–");
        Fact(h, "Resolution", facts is { Width: { } w, Height: { } ht } ? string.Create(CultureInfo.InvariantCulture, $"{w}×{ht}") : facts is null ? "–" : "no video");
        Fact(h, "Video codec", facts?.VideoCodec ?? "–");
        Fact(h, "Frame rate", facts?.FramesPerSecond is { } fps ? string.Create(CultureInfo.InvariantCulture, $"{fps:0.##} fps") : "–");
        Fact(h, "Audio tracks", facts?.AudioTracks is { } a ? a.ToString(CultureInfo.InvariantCulture) : "–");
        Fact(h, "Container", facts?.Container ?? "–");
        Fact(h, "Mode", row.Mode is { } mode ? (ModeLabels.FindingsMeasured(mode) == false ? ModeLabels.Describe(mode) : mode) : "–");
        Fact(h, "Source", row.Source ?? "–");
        if (row.Origin is { } origin)
        {
            Fact(h, "Journal", origin);
        }

        h.Append("</dl>");
    }

    /// <summary>Why the video got its score (a local analysis): the three terms, the calibration when one was applied,
    /// and the measured values behind them — the same line as <c>cosqe analyze</c> prints.</summary>
    private static void Breakdown(StringBuilder h, string id, LocalScoreBreakdown b)
    {
        h.Append(CultureInfo.InvariantCulture, $"<section class=\"breakdown\" id=\"{id}-breakdown\" aria-labelledby=\"{id}-breakdown-title\"><h4 id=\"{id}-breakdown-title\">Score breakdown</h4><dl class=\"facts\">");
        Fact(h, "Pictures (perceptual)", F(b.PerceptualScore));
        Fact(h, "Encoding prior", "− " + F(b.EncodingPriorPenalty));
        Fact(h, "Defect penalty", "− " + F(b.DefectPenalty));
        Fact(h, "Score", b.Calibration is null ? F(b.UncalibratedScore) : $"{F(b.UncalibratedScore)} → {F(b.Score)} (calibrated by {b.Calibration})");
        h.Append("</dl><p class=\"muted\">").Append(E(BreakdownOutput.Text(b)));
        if (b.Model.Length > 0)
        {
            h.Append(" · model ").Append(E(b.Model));
        }

        h.Append("</p></section>");
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static void Fact(StringBuilder h, string name, string value) =>
        h.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static void FindingTable(StringBuilder h, string id, IReadOnlyList<JournalFinding> findings, List<long> shown)
    {
        h.Append("<table class=\"grid findings\"><thead><tr><th>Type</th><th>Start (s)</th><th>End (s)</th><th>Confidence</th><th>Area</th><th>Frame</th></tr></thead><tbody>");
        foreach (var f in findings.OrderBy(f => f.Start ?? 0).ThenBy(f => f.Type, StringComparer.Ordinal))
        {
            var at = FramePlan.Middle(f.Start, f.End);
            h.Append("<tr><td>").Append(E(f.Type)).Append("</td><td class=\"num\">").Append(Fmt(f.Start)).Append("</td><td class=\"num\">").Append(Fmt(f.End))
                .Append("</td><td class=\"num\">").Append(f.Confidence is { } c ? c.ToString("0", CultureInfo.InvariantCulture) : "n/a").Append("</td><td>")
                .Append(f.Area.Count > 0 ? E(string.Join(",", f.Area.Select(a => a.ToString(CultureInfo.InvariantCulture)))) : "–").Append("</td><td>");
            if (shown.Contains(at))
            {
                h.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" data-frame=\"{id}-f{at}\" data-viewer=\"{id}-viewer\">show frame</button>");
            }
            else
            {
                h.Append("<span class=\"muted\">not in the strip</span>");
            }

            h.Append("</td></tr>");
        }

        h.Append("</tbody></table>");
    }

    private static string Fmt(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
