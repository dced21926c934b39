using System.Collections.Concurrent;
using System.Text.Json;
using CosQualityEstimate.Cli.Analysis;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>A scripted analyzer (derived from the real one, the seam the CLI takes): a result per file name, <c>bad*</c>
/// files unreadable, or ffmpeg missing altogether.</summary>
internal sealed class FakeAnalyzer : LocalVideoAnalyzer
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public bool FfmpegMissing { get; init; }

    /// <summary>Files named locked* cannot be read (an I/O error) while this is true.</summary>
    public bool Locked { get; init; }

    public override Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(path);
        if (FfmpegMissing)
        {
            throw new FfmpegNotFoundException();
        }

        var name = Path.GetFileName(path);
        if (name.StartsWith("locked", StringComparison.Ordinal) && Locked)
        {
            throw new MediaAccessException("the file is locked", new IOException("the file is locked"));
        }

        if (name.StartsWith("bad", StringComparison.Ordinal))
        {
            throw new MediaUnreadableException("not a video file") { FfmpegReason = "Invalid data found when processing input" };
        }

        var blurry = name.Contains("blur", StringComparison.Ordinal);
        return Task.FromResult(new LocalAnalysisResult
        {
            QualityEstimate = CosQualityEstimateModelFactory.QualityEstimate(
                blurry ? 4.2 : 10,
                CosQualityEstimateModelFactory.VqaPlusResult(false, false, blurry ? [CosQualityEstimateModelFactory.DetailedResult(QualityIssueType.Blur, [CosQualityEstimateModelFactory.DetailedResultItem(88, 2, 4.5)], "Blur")] : []),
                null,
                QualityEstimateSource.LocalAnalysis,
                "local-analysis"),
            DurationSeconds = 10,
            AnalysisTime = TimeSpan.FromSeconds(1.5),
            Notes = blurry
                ? ["Jitter skipped: this ffmpeg lacks vidstabdetect"]
                : name.Contains("decoder", StringComparison.Ordinal)
                    // The library's decoder note carries its own prefix (CrashScreenDetector's wording).
                    ? ["note: the video decoder reported 1 message frame(s) at 2–2 s (h264: A non-intra slice in an IDR NAL unit.) with no visible damage: not a CrashScreen."]
                    : [],
        });
    }
}

public sealed class AnalyzeCommandTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Touch(string relative)
    {
        var path = Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "bytes");
        return path;
    }

    [Fact]
    public async Task Analyze_text_labels_the_result_local_analysis_with_findings_and_notes()
    {
        Touch("clip_blur.mp4");
        var analyzer = new FakeAnalyzer();

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "clip_blur.mp4"], directory: _dir.Path, analyzer: analyzer);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("clip_blur.mp4: LOCAL-ANALYSIS score 4.2 / 10, below the good-quality bar of 6 by local heuristic analysis (ffmpeg on this machine; approximates, does not reproduce, the service) (10s of media analysed in 1.5s)", lines[0].TrimEnd('\r'));
        Assert.Contains("  vqaPlus (local-analysis): no audio = no, no video = no, 1 kind(s) of problem found", result.Out, StringComparison.Ordinal);
        Assert.Contains("      2s-4.5s confidence 88", result.Out, StringComparison.Ordinal);
        Assert.Contains("  note: Jitter skipped: this ffmpeg lacks vidstabdetect", result.Out, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_dir.Path, "clip_blur.mp4"), Assert.Single(analyzer.Calls));
        Assert.Equal(string.Empty, result.Error);
    }

    /// <summary>Issue 22 §5: a note that already carries its prefix is printed once prefixed, never <c>note: note: …</c>.</summary>
    [Fact]
    public async Task Analyze_prints_a_prefixed_note_with_one_prefix()
    {
        Touch("decoder.mp4");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "decoder.mp4"], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  note: the video decoder reported 1 message frame(s) at 2–2 s", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("note: note:", result.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Analyze_json_has_the_estimate_shape_with_source_local_analysis_and_the_path_as_key()
    {
        Touch("a.mp4");
        Touch("b_blur.mov");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "a.mp4", "b_blur.mov", "-o", "json"], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.True(result.ExitCode == 0, result.ToString());
        var jobs = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["a.mp4", "b_blur.mov"], jobs.Select(j => j.GetProperty("key").GetString()));
        Assert.All(jobs, j =>
        {
            Assert.Equal("local-analysis", j.GetProperty("source").GetString());
            Assert.Equal("Success", j.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, j.GetProperty("jobId").ValueKind);
        });
        Assert.True(jobs[0].GetProperty("good").GetBoolean());
        Assert.False(jobs[1].GetProperty("good").GetBoolean());
        Assert.Equal("Blur", jobs[1].GetProperty("vqaPlus").GetProperty("findings")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Analyze_walks_a_directory_for_video_files_only_in_order()
    {
        Touch("cat/z.mp4");
        Touch("cat/a.MKV");
        Touch("cat/sub/c.webm");
        Touch("cat/notes.txt");
        Touch("cat/.hidden/x.mp4");
        Touch("cat/.y.mp4");
        var analyzer = new FakeAnalyzer();

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "-o", "json", "--concurrency", "3"], directory: _dir.Path, analyzer: analyzer);

        Assert.True(result.ExitCode == 0, result.ToString());
        var keys = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Select(j => j.GetProperty("key").GetString()).ToList();
        Assert.Equal([Path.Join("cat", "a.MKV"), Path.Join("cat", "sub", "c.webm"), Path.Join("cat", "z.mp4")], keys);
        Assert.Equal(3, analyzer.Calls.Count);
    }

    [Fact]
    public async Task An_unreadable_file_is_one_stderr_line_and_exit_1_while_the_others_are_analysed()
    {
        Touch("a.mp4");
        Touch("bad.mp4");
        Touch("c.mp4");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "a.mp4", "bad.mp4", "c.mp4", "--concurrency", "2"], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal("cosqe: cannot analyse bad.mp4 [MediaUnreadable]: not a video file (Invalid data found when processing input)", line.TrimEnd('\r'));
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith(' ')).ToList();
        Assert.Equal(2, lines.Count); // the failure is told once, on stderr, not again on stdout
        Assert.StartsWith("a.mp4: LOCAL-ANALYSIS score 10.0", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("c.mp4: LOCAL-ANALYSIS score 10.0", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("bad.mp4", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_ffmpeg_is_exit_2_with_one_line_naming_how_to_install_it()
    {
        Touch("a.mp4");
        Touch("b.mp4");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "a.mp4", "b.mp4"], directory: _dir.Path, analyzer: new FakeAnalyzer { FfmpegMissing = true });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: ", line, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", line, StringComparison.Ordinal);
        Assert.Contains("brew install ffmpeg", line, StringComparison.Ordinal);
        Assert.Contains("winget install ffmpeg", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_missing_path_is_exit_2_before_anything_is_analysed()
    {
        Touch("a.mp4");
        var analyzer = new FakeAnalyzer();

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "a.mp4", "nope.mp4"], directory: _dir.Path, analyzer: analyzer);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cosqe: nope.mp4: no such file or directory.", Assert.Single(result.ErrorLines).TrimEnd('\r'));
        Assert.Empty(analyzer.Calls);
    }

    [Fact]
    public async Task A_directory_without_videos_is_exit_2()
    {
        Touch("docs/readme.txt");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "docs"], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cosqe: no video files found in docs", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_resumes_skipping_analysed_files_and_export_and_report_read_it()
    {
        Touch("cat/a.mp4");
        Touch("cat/b_blur.mp4");
        var journal = Path.Combine(_dir.Path, "local.db");
        var first = new FakeAnalyzer();

        var run1 = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "--journal", journal], directory: _dir.Path, analyzer: first);
        Touch("cat/c.mp4");
        var second = new FakeAnalyzer();
        var run2 = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "--journal", journal], directory: _dir.Path, analyzer: second);

        Assert.True(run1.ExitCode == 0, run1.ToString());
        Assert.True(run2.ExitCode == 0, run2.ToString());
        Assert.Equal(2, first.Calls.Count);
        Assert.Equal([Path.Combine(_dir.Path, "cat", "c.mp4")], second.Calls);
        Assert.Contains("cosqe: 2 file(s) already analysed", run2.Error, StringComparison.Ordinal);

        var csv = await CliRun.RunAsync(NoEnv, ["export", "--journal", journal, "--format", "csv"]);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        // A journal is a catalog keyed by the path below the argument root (a rerun from another directory, or with the
        // catalog mounted elsewhere, finds the same rows).
        Assert.Equal("b_blur.mp4,,Success,4.2,,,local-analysis,vqaPlus,true", lines[2]);

        var report = Path.Combine(_dir.Path, "r.html");
        var html = await CliRun.RunAsync(NoEnv, ["report", "--journal", journal, "--out", report]);
        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.Contains("<strong>LOCAL ANALYSIS:</strong> 3 of 3 result(s)", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_rerun_from_another_directory_skips_the_same_files_and_retries_a_file_that_could_not_be_read()
    {
        Touch("cat/a.mp4");
        Touch("cat/locked.mp4");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "elsewhere"));
        var journal = Path.Combine(_dir.Path, "local.db");

        var run1 = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "--journal", journal], directory: _dir.Path, analyzer: new FakeAnalyzer { Locked = true });
        var second = new FakeAnalyzer();
        var run2 = await CliRun.RunAsync(NoEnv, ["analyze", Path.Combine("..", "cat"), "--journal", journal], directory: Path.Combine(_dir.Path, "elsewhere"), analyzer: second);

        Assert.Equal(ExitCodes.JobFailed, run1.ExitCode);
        Assert.True(run2.ExitCode == 0, run2.ToString());
        Assert.Equal([Path.Combine(_dir.Path, "cat", "locked.mp4")], second.Calls);
        Assert.Contains("cosqe: 1 file(s) already analysed", run2.Error, StringComparison.Ordinal);
        var csv = await CliRun.RunAsync(NoEnv, ["export", "--journal", journal, "--format", "csv"]);
        Assert.Equal(3, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("FileUnreadable", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_and_analyze_do_not_share_a_journal()
    {
        Touch("a.mp4");
        var journal = Path.Combine(_dir.Path, "local.db");
        await CliRun.RunAsync(NoEnv, ["analyze", "a.mp4", "--journal", journal], directory: _dir.Path, analyzer: new FakeAnalyzer());
        await using var emulator = await CliRun.FastEmulatorAsync();

        var batch = await CliRun.RunAsync(CliRun.EnvFor(emulator), ["batch", "--journal", journal], directory: _dir.Path);

        Assert.Equal(2, batch.ExitCode);
        Assert.Contains("cosqe analyze", Assert.Single(batch.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0, emulator.SubmittedJobCount);
    }
}
