using System.Net;
using System.Text.RegularExpressions;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Report;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The report with frames and facts (issue 25 §4), rendered from rows and a scripted <see cref="IVideoExtras"/>.</summary>
public sealed partial class ReportFramesTests
{
    internal sealed class FakeExtras : IVideoExtras
    {
        public Dictionary<string, MediaFacts> Facts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<StoredFrame>> Frames { get; } = new(StringComparer.Ordinal);

        public MediaFacts? FactsOf(JournalRow row) => Facts.GetValueOrDefault(row.Key);

        public IReadOnlyList<StoredFrame> FramesOf(JournalRow row) => Frames.GetValueOrDefault(row.Key) ?? [];

        public Dictionary<string, LocalAnalysis.LocalScoreBreakdown> Breakdowns { get; } = new(StringComparer.Ordinal);

        public LocalAnalysis.LocalScoreBreakdown? BreakdownOf(JournalRow row) => Breakdowns.GetValueOrDefault(row.Key);
    }

    internal static JournalRow Row(long seq, string key, double score, string findings, string mode = "vqaPlus", string source = "service") =>
        new(seq, key, null, null, "j" + seq, JournalState.Success, score, null, null,
            "{\"format\":2,\"source\":\"" + source + "\",\"mode\":\"" + mode + "\",\"findings\":[" + findings + "]}");

    internal static StoredFrame Frame(FrameRole role, long at, int bytes = 300) =>
        new(role, at, at / 1000.0, 320, 180, "image/jpeg", "ffmpeg", Enumerable.Repeat((byte)0x5A, bytes).ToArray());

    private static string Render(IEnumerable<JournalRow> rows, ReportOptions options)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(writer, rows, "t", DateTimeOffset.UnixEpoch, null, options);
        return writer.ToString();
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf("<article class=\"video-card\" id=\"" + id + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, id);
        return html[start..(html.IndexOf("</article>", start, StringComparison.Ordinal) + 10)];
    }

    [Fact]
    public void A_worst_video_shows_poster_facts_notes_a_clip_long_timeline_a_captioned_strip_with_the_area_and_every_finding()
    {
        var extras = new FakeExtras();
        var row = Row(1, "shows/ep1.mp4", 3.5, """
            {"type":"Noise","start":0,"end":23.5,"confidence":71},
            {"type":"QRCode","start":4,"end":6,"confidence":92,"area":[1700,900,1900,1060]}
            """);
        extras.Facts[row.Key] = new MediaFacts(29.6, 1920, 1080, "h264", 25, 2, "mov,mp4,m4a,3gp,3g2,mj2", ["Jitter not checked: no vidstabdetect."]);
        extras.Frames[row.Key] = [Frame(FrameRole.Poster, 5920), Frame(FrameRole.Finding, 11750), Frame(FrameRole.Finding, 5000)];

        var html = Render([row], new ReportOptions { Extras = extras });
        var card = WebUtility.HtmlDecode(Section(html, "video-0"));

        Assert.Equal(3, Regex.Matches(card, "<img class=\"frame-img\" src=\"data:image/jpeg;base64,").Count);
        Assert.Contains("alt=\"Poster frame of ep1.mp4 at 5.9 s\"", card, StringComparison.Ordinal);
        Assert.Contains("<figcaption>QRCode · 4.00–6.00 s · confidence 92</figcaption>", card, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Noise · 0.00–23.50 s · confidence 71</figcaption>", card, StringComparison.Ordinal);
        // The area is drawn in the source's pixels over the scaled frame.
        Assert.Contains("<svg class=\"area\" viewBox=\"0 0 1920 1080\"", card, StringComparison.Ordinal);
        Assert.Contains("<rect x=\"1700\" y=\"900\" width=\"200\" height=\"160\"", card, StringComparison.Ordinal);
        // The timeline spans the clip (29.6 s), not the last finding (23.5 s); each finding is a focusable button to its frame.
        Assert.Contains(">29.6s</text>", card, StringComparison.Ordinal);
        Assert.Contains("tabindex=\"0\" role=\"button\" aria-label=\"QRCode · 4.00–6.00 s · confidence 92: show its frame\" data-frame=\"video-0-f5000\" data-viewer=\"video-0-viewer\"", card, StringComparison.Ordinal);
        Assert.Contains("id=\"video-0-f5000\"", card, StringComparison.Ordinal);
        Assert.Contains("id=\"video-0-viewer\"", card, StringComparison.Ordinal);
        foreach (var fact in new[] { "<dd>29.6 s</dd>", "<dd>1920×1080</dd>", "<dd>h264</dd>", "<dd>25 fps</dd>", "<dt>Audio tracks</dt><dd>2</dd>", "<dd>vqaPlus</dd>", "<dd>service</dd>", "<li>Jitter not checked: no vidstabdetect.</li>" })
        {
            Assert.Contains(fact, card, StringComparison.Ordinal);
        }

        Assert.Contains("<td>1700,900,1900,1060</td>", card, StringComparison.Ordinal);
        Assert.Contains("id=\"legend\"", html, StringComparison.Ordinal);
        Assert.Contains("<dt>HighVoice</dt>", html, StringComparison.Ordinal);
        Assert.Contains("≥ 6", html[html.IndexOf("id=\"legend-good\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("id=\"legend-confidence\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_frames_the_report_stays_usable_with_labelled_placeholders_and_a_general_result_says_score_only()
    {
        var extras = new FakeExtras();
        var withMarker = Row(1, "a.mp4", 2, "{\"type\":\"Blur\",\"start\":2,\"end\":4,\"confidence\":80}");
        var general = Row(2, "b.mp4", 3, string.Empty, mode: "general");
        var bare = Row(3, "c.mp4", 4, "{\"type\":\"Mosaic\",\"start\":1,\"end\":2,\"confidence\":60}");
        extras.Frames[withMarker.Key] = [Frame(FrameRole.Poster, 1000), Frame(FrameRole.Finding, 3000, bytes: 0)];

        var html = Render([withMarker, general, bare], new ReportOptions { Extras = extras });

        Assert.Contains("aria-label=\"Blur · 2.00–4.00 s · confidence 80 — frame at 3.00 s of a.mp4 (no frame kept)\"", WebUtility.HtmlDecode(Section(html, "video-0")), StringComparison.Ordinal);
        var generalCard = Section(html, "video-1");
        Assert.Contains("score only — findings not measured", generalCard, StringComparison.Ordinal);
        Assert.DoesNotContain("no findings", generalCard, StringComparison.Ordinal);
        Assert.Contains("No poster frame kept for c.mp4 (no frame kept)", Section(html, "video-2"), StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<img ")); // a.mp4's poster only: its finding's marker has no bytes, c.mp4 has no frames
    }

    [Fact]
    public void Frames_go_to_the_worst_frames_for_videos_only_and_stop_at_the_budget()
    {
        var extras = new FakeExtras();
        var rows = Enumerable.Range(0, 12).Select(i => Row(i + 1, $"v{i:00}.mp4", i * 0.5, "{\"type\":\"Blur\",\"start\":1,\"end\":3,\"confidence\":80}")).ToList();
        foreach (var row in rows)
        {
            extras.Frames[row.Key] = [Frame(FrameRole.Poster, 1000, 3000), Frame(FrameRole.Finding, 2000, 3000)];
        }

        var two = Render(rows, new ReportOptions { Extras = extras, FramesFor = 2 });
        Assert.Equal(4, Regex.Matches(two, "<img ").Count);
        Assert.Equal(10, Regex.Matches(two, "<article class=\"video-card\"").Count); // the worst 10 are still listed

        var none = Render(rows, new ReportOptions { Extras = extras, FramesFor = 0 });
        Assert.DoesNotContain("<img ", none, StringComparison.Ordinal);

        // 4,000 characters per frame: a budget of 10,000 takes two and leaves the rest out, saying so.
        var budget = Render(rows, new ReportOptions { Extras = extras, FramesFor = 12, FrameBudgetChars = 10_000 });
        Assert.Equal(2, Regex.Matches(budget, "<img ").Count);
        Assert.Contains("2 frame(s) embedded, 22 left out to keep the report's frames within 0 MB", budget, StringComparison.Ordinal);
        Assert.Contains("left out (size budget)", budget, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_image_has_alt_text_and_nothing_is_fetched()
    {
        var extras = new FakeExtras();
        var row = Row(1, "<img src=x onerror=alert(1)>.mp4", 1, "{\"type\":\"Blur\",\"start\":1,\"end\":3,\"confidence\":80}");
        extras.Frames[row.Key] = [Frame(FrameRole.Poster, 1000), Frame(FrameRole.Finding, 2000)];

        var html = Render([row], new ReportOptions { Extras = extras });

        var images = ImgTag().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, img => Assert.Matches("alt=\"[^\"]{10,}\"", img));
        Assert.All(images, img => Assert.Contains("src=\"data:image/jpeg;base64,", img, StringComparison.Ordinal));
        Assert.Contains("img-src data:", html, StringComparison.Ordinal); // the CSP allows nothing else
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;.mp4", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<img [^>]*>")]
    private static partial Regex ImgTag();
}
