using System.Text.RegularExpressions;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe report --frames N</c> (issue 25): the frames of the N worst batch results fetched through GetSnapshot from the
/// emulator (in its ffmpeg-analysing mode: real frames), counted by the emulator, kept in the journal (origin
/// <c>snapshot</c>) and embedded in the report; a rerun asks for nothing it holds; simulated results and placeholder
/// answers get no frames; a missing object is counted and asked again later; a refusal is one line and exit 3; a bad N exit 2.
/// </summary>
public sealed class ReportSnapshotFramesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A 4 s clip, red for 2 s then blue, 640x360.</summary>
    private string RedThenBlue() => ColourClips.RedThenBlue(_dir.File("rb.mp4"), "640x360");

    private static async Task UploadAsync(CosEmulator emulator, string file, params string[] keys)
    {
        using var client = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential });
        foreach (var key in keys)
        {
            await client.Objects.UploadFileAsync(file, key);
        }
    }

    /// <summary>A batch journal with finished rows (key, score, source, mode, findings JSON).</summary>
    private string Journal(params (string Key, double Score, string Source, string Mode, string Findings)[] rows) => Journal("run.db", rows);

    private string Journal(string name, params (string Key, double Score, string Source, string Mode, string Findings)[] rows)
    {
        var path = _dir.File(name);
        using var journal = BatchJournal.Open(path, create: true);
        journal.AddKeysAsync(rows.Select(r => r.Key).AsTestAsync(), CancellationToken.None).GetAwaiter().GetResult();
        foreach (var (key, score, source, mode, findings) in rows)
        {
            journal.File.Database.Execute(
                "UPDATE keys SET job_id = $j, state = $s, score = $sc, findings = $f WHERE key = $k;",
                ("$j", "j-" + key),
                ("$s", JournalState.Success.Name),
                ("$sc", score),
                ("$f", "{\"format\":2,\"source\":\"" + source + "\",\"mode\":\"" + mode + "\",\"findings\":[" + findings + "]}"),
                ("$k", key));
        }

        return path;
    }

    private string ServiceJournal() => Journal(
        ("videos/a.mp4", 3, "service", "vqaPlus", """{"type":"Blur","start":0.5,"end":1.5,"confidence":80},{"type":"Noise","start":2.5,"end":3.5,"confidence":70}"""),
        ("videos/b.mp4", 4, "service", "general", string.Empty),
        ("videos/c.mp4", 2, "simulated", "vqaPlus", """{"type":"Mosaic","start":1,"end":2,"confidence":90}"""),
        ("videos/d.mp4", 5, "service", "vqaPlus", """{"type":"Jitter","start":1,"end":2,"confidence":60}"""));

    private static List<StoredFrame> FramesOf(string journalPath, string key)
    {
        using var file = JournalFile.OpenExisting(journalPath, TimeProvider.System);
        return JournalFrames.OpenForReading(file)?.Read(key) ?? [];
    }

    /// <summary>The centre pixel of a JPEG, decoded by ffmpeg.</summary>
    private (int R, int G, int B) Centre(byte[] jpeg, int width, int height)
    {
        var picture = _dir.File("centre-" + Guid.NewGuid().ToString("N") + ".jpg");
        File.WriteAllBytes(picture, jpeg);
        return ColourClips.Centre(picture, width, height);
    }

    [Fact]
    public async Task The_worst_videos_frames_are_fetched_once_counted_kept_and_shown_and_a_missing_object_is_asked_again_until_it_is_there()
    {
        var clip = RedThenBlue();
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { LocalAnalysis = true });
        await UploadAsync(emulator, clip, "videos/a.mp4", "videos/b.mp4", "videos/c.mp4");
        var journal = ServiceJournal();
        var env = CliRun.EnvFor(emulator);
        string[] args = ["report", "--journal", journal, "--out", "r.html", "--frames", "3"];

        // The worst 3 with a verdict: a (poster + 2 findings), b (general: its poster), d (not in the bucket: one request,
        // its other frame not asked for). c is simulated: not among them, and said so.
        var first = await CliRun.RunAsync(env, args, directory: _dir.Path);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(5, emulator.SnapshotRequestCount);
        Assert.Contains(
            "cosqe: requested 5 snapshot(s) for 3 video(s) (GetSnapshot, billed per call by CI); 0 already kept; 4 kept, 2 not available; 1 video(s) not in the bucket (no frames; asked again next run); 1 simulated result(s) get no frames (nothing was seen).",
            first.ErrorLines);
        var a = FramesOf(journal, "videos/a.mp4");
        Assert.Equal([(FrameRole.Poster, 0L), (FrameRole.Finding, 1000L), (FrameRole.Finding, 3000L)], a.Select(f => (f.Role, f.AtMs)));
        Assert.All(a, f => Assert.Equal(("snapshot", 320, 180, "image/jpeg"), (f.Origin, f.Width, f.Height, f.ContentType)));
        var (r, _, b) = Centre(a[1].Bytes, 320, 180);
        Assert.True(r > 200 && b < 60, $"the Blur frame at 1 s is red: r={r} b={b}");
        (r, _, b) = Centre(a[2].Bytes, 320, 180);
        Assert.True(b > 200 && r < 60, $"the Noise frame at 3 s is blue: r={r} b={b}");
        Assert.Equal([FrameRole.Poster], FramesOf(journal, "videos/b.mp4").Select(f => f.Role));
        Assert.Empty(FramesOf(journal, "videos/c.mp4"));
        Assert.Empty(FramesOf(journal, "videos/d.mp4")); // no marker: asked again once it is there
        var html = File.ReadAllText(_dir.File("r.html"));
        Assert.Equal(4, Regex.Matches(html, "<img class=\"frame-img\" src=\"data:image/jpeg;base64,").Count);
        Assert.Contains("alt=\"Blur · 0.50–1.50 s · confidence 80 — frame at 1.00 s of a.mp4\"", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        // A rerun asks only for what it lacks: d's first frame (still missing).
        var second = await CliRun.RunAsync(env, args, directory: _dir.Path);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(6, emulator.SnapshotRequestCount);
        Assert.Contains("cosqe: requested 1 snapshot(s) for 1 video(s) (GetSnapshot, billed per call by CI); 4 already kept; 0 kept, 2 not available; 1 video(s) not in the bucket (no frames; asked again next run); 1 simulated result(s) get no frames (nothing was seen).", second.ErrorLines);

        // d uploaded: its two frames are fetched; then nothing is asked for at all.
        await UploadAsync(emulator, clip, "videos/d.mp4");
        var third = await CliRun.RunAsync(env, args, directory: _dir.Path);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(8, emulator.SnapshotRequestCount);
        Assert.Equal(2, FramesOf(journal, "videos/d.mp4").Count(f => !f.IsMissing));

        var fourth = await CliRun.RunAsync(env, [.. args, "--output", "json"], directory: _dir.Path);
        Assert.True(fourth.ExitCode == 0, fourth.ToString());
        Assert.Equal(8, emulator.SnapshotRequestCount);
        Assert.Contains("cosqe: requested 0 snapshot(s) for 0 video(s) (GetSnapshot, billed per call by CI); 6 already kept; 0 kept, 0 not available; 1 simulated result(s) get no frames (nothing was seen).", fourth.ErrorLines);
        using var json = System.Text.Json.JsonDocument.Parse(fourth.Out);
        Assert.Equal(0, json.RootElement.GetProperty("snapshots").GetProperty("requested").GetInt64());
        Assert.Equal(6, json.RootElement.GetProperty("snapshots").GetProperty("alreadyKept").GetInt64());
        Assert.Equal(6, Regex.Matches(File.ReadAllText(_dir.File("r.html")), "<img class=\"frame-img\"").Count);
    }

    [Fact]
    public async Task A_placeholder_answer_of_the_hermetic_emulator_is_never_kept_and_said_so()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();
        File.WriteAllText(_dir.File("bytes.mp4"), "not a video");
        await UploadAsync(emulator, _dir.File("bytes.mp4"), "videos/a.mp4", "videos/b.mp4");
        var journal = Journal(
            ("videos/a.mp4", 3, "service", "vqaPlus", """{"type":"Blur","start":0.5,"end":1.5,"confidence":80}"""),
            ("videos/b.mp4", 4, "service", "general", string.Empty));

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["report", "--journal", journal, "--out", "r.html", "--frames", "2"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, emulator.SnapshotRequestCount); // one per video: after a placeholder the video's other frames are not asked for
        Assert.Contains("cosqe: requested 2 snapshot(s) for 2 video(s) (GetSnapshot, billed per call by CI); 0 already kept; 0 kept, 3 not available; 2 simulated snapshot(s) not kept (the emulator does not analyse objects).", result.ErrorLines);
        Assert.Empty(FramesOf(journal, "videos/a.mp4"));
        Assert.Empty(FramesOf(journal, "videos/b.mp4"));
        Assert.DoesNotContain("<img ", File.ReadAllText(_dir.File("r.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_one_stderr_line_exit_3_and_no_report()
    {
        await using var emulator = await CliRun.FastEmulatorAsync();
        var journal = Journal(("videos/a.mp4", 3, "service", "vqaPlus", """{"type":"Blur","start":0.5,"end":1.5,"confidence":80}"""));
        var env = CliRun.EnvFor(emulator);
        env["COS_SECRET_KEY"] = "not-the-emulators-key-000000000000";

        var result = await CliRun.RunAsync(env, ["report", "--journal", journal, "--out", "r.html", "--frames", "1"], directory: _dir.Path);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: the service refused: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-emulators-key", result.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("r.html")));
        Assert.Empty(FramesOf(journal, "videos/a.mp4"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1001")]
    [InlineData("many")]
    [InlineData("60")] // more than --frames-for (50): the report would not show them
    public async Task A_bad_N_is_exit_2_with_one_line_and_nothing_sent(string n)
    {
        await using var emulator = await CliRun.FastEmulatorAsync();
        var journal = Journal(("videos/a.mp4", 3, "service", "vqaPlus", string.Empty));

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["report", "--journal", journal, "--out", "r.html", "--frames", n], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cosqe: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, emulator.SnapshotRequestCount);
        Assert.False(File.Exists(_dir.File("r.html")));
    }

    [Fact]
    public async Task Results_of_cosqe_analyze_keep_analyzes_frames_and_nothing_is_connected()
    {
        var path = _dir.File("local.db");
        using (var journal = AnalysisJournal.Open(path, TimeProvider.System))
        {
            journal.AddFiles([new CatalogFile("/clips", "a.mp4")]);
            journal.File.Database.Execute(
                "UPDATE keys SET state = $s, score = 3, findings = $f WHERE key = 'a.mp4';",
                ("$s", JournalState.Success.Name),
                ("$f", "{\"format\":2,\"source\":\"local-analysis\",\"mode\":\"vqaPlus\",\"findings\":[]}"));
        }

        // No service configured: a connection would start the embedded emulator and say so on stderr.
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["report", "--journal", path, "--out", "r.html", "--frames", "5"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["cosqe: requested 0 snapshot(s) for 0 video(s) (GetSnapshot, billed per call by CI); 0 already kept; 0 kept, 0 not available; 1 local-analysis result(s) keep the frames of cosqe analyze."],
            result.ErrorLines.Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Snapshot_frames_render_in_Chromium_as_decoded_images_of_their_kept_size()
    {
        var clip = RedThenBlue();
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { LocalAnalysis = true });
        await UploadAsync(emulator, clip, "videos/a.mp4");
        var journal = Journal(("videos/a.mp4", 3, "service", "vqaPlus", """{"type":"Blur","start":0.5,"end":1.5,"confidence":80},{"type":"Noise","start":2.5,"end":3.5,"confidence":70}"""));
        var html = _dir.File("snapshots.html");
        var report = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["report", "--journal", journal, "--out", html, "--frames", "1"], directory: _dir.Path);
        Assert.True(report.ExitCode == 0, report.ToString());

        var probe = _dir.File("snapshots-probe.html");
        File.WriteAllText(probe, File.ReadAllText(html).Replace("</body>", "<script>window.addEventListener('load', function () {\n" + HeadlessChromium.FramesProbe + "\n});</script></body>", StringComparison.Ordinal));
        var page = await HeadlessChromium.LoadAsync(probe);

        Assert.True(page.ConsoleMessages.Count == 0, "console: " + string.Join(" | ", page.ConsoleMessages));
        var frames = HeadlessChromium.ProbedFrames(page);
        Assert.Equal(["decoded:320x180", "decoded:320x180", "decoded:320x180"], frames); // the poster and the two findings' frames
    }

    [Fact]
    public async Task Merged_journals_keep_each_rows_frames_in_its_own_journal()
    {
        var clip = RedThenBlue();
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { LocalAnalysis = true });
        await UploadAsync(emulator, clip, "videos/a.mp4", "videos/b.mp4");
        var one = Journal("part-1.db", ("videos/a.mp4", 3, "service", "general", string.Empty));
        var two = Journal("part-2.db", ("videos/b.mp4", 4, "service", "general", string.Empty));

        var result = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["report", "--journal", _dir.File("part-*.db"), "--out", "r.html", "--frames", "2"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, emulator.SnapshotRequestCount);
        Assert.Equal([FrameRole.Poster], FramesOf(one, "videos/a.mp4").Select(f => f.Role));
        Assert.Empty(FramesOf(one, "videos/b.mp4"));
        Assert.Equal([FrameRole.Poster], FramesOf(two, "videos/b.mp4").Select(f => f.Role));
        Assert.Equal(2, Regex.Matches(File.ReadAllText(_dir.File("r.html")), "<img class=\"frame-img\"").Count);
    }
}
