using System.Net;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Report;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// The score's breakdown (issue 25 §4, "once results carry it"): <c>cosqe analyze --journal</c> keeps a local result's
/// <see cref="LocalScoreBreakdown"/> in the <c>media</c> table (format 2, a format-1 table migrated in place), and the
/// report's per-video section shows it; a result without one (the service's) shows none.
/// </summary>
public sealed class ReportBreakdownTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    internal static LocalScoreBreakdown Sample(string? calibration = null) => new()
    {
        Score = calibration is null ? 6.3 : 5.9,
        PerceptualScore = 7.9,
        EncodingPriorPenalty = 0.4,
        DefectPenalty = 1.2,
        UncalibratedScore = 6.3,
        Calibration = calibration,
        Brisque = 23.1,
        Niqe = 4.2,
        Blur = 3.5,
        Blockiness = 1.02,
        Noise = 1.7,
        Detail = 9.8,
        BitsPerPixel = 0.082,
        Codec = "h264",
        CodedHeight = 720,
        FramesPerSecond = 25,
        PerceptualFrames = 12,
        Model = "test-model-1",
    };

    /// <summary>Scores every file 6.3 with <see cref="Sample"/> as its breakdown.</summary>
    private sealed class BreakdownAnalyzer : LocalVideoAnalyzer
    {
        public override Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LocalAnalysisResult
            {
                QualityEstimate = CosQualityEstimateModelFactory.QualityEstimate(6.3, CosQualityEstimateModelFactory.VqaPlusResult(false, false, []), null, QualityEstimateSource.LocalAnalysis, "local-analysis"),
                DurationSeconds = 10,
                AnalysisTime = TimeSpan.FromSeconds(1),
                Breakdown = Sample(),
            });
    }

    [Fact]
    public async Task Analyze_keeps_the_breakdown_and_the_reports_video_section_shows_its_terms_and_measures()
    {
        File.WriteAllText(_dir.File("clip.mp4"), "bytes");
        var journal = _dir.File("j.db");

        var analyzed = await CliRun.RunAsync(NoEnv, ["analyze", "clip.mp4", "--journal", journal, "--no-frames"], directory: _dir.Path, analyzer: new BreakdownAnalyzer());
        Assert.True(analyzed.ExitCode == 0, analyzed.ToString());
        using (var file = JournalFile.OpenExisting(journal, TimeProvider.System))
        {
            Assert.Equal("2", file.GetMeta(JournalMedia.SchemaMeta));
            var kept = JournalMedia.OpenForReading(file)!.ReadBreakdown("clip.mp4"); // analyze journals key rows by the path relative to the argument root
            Assert.NotNull(kept);
            Assert.Equal(JournalBreakdown.Write(Sample()), JournalBreakdown.Write(kept));
        }

        var report = await CliRun.RunAsync(NoEnv, ["report", "--journal", journal, "--out", "r.html"], directory: _dir.Path);

        Assert.True(report.ExitCode == 0, report.ToString());
        var html = WebUtility.HtmlDecode(File.ReadAllText(_dir.File("r.html")));
        Assert.Contains("<h4 id=\"video-0-breakdown-title\">Score breakdown</h4>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Pictures (perceptual)</dt><dd>7.9</dd><dt>Encoding prior</dt><dd>− 0.4</dd><dt>Defect penalty</dt><dd>− 1.2</dd><dt>Score</dt><dd>6.3</dd>", html, StringComparison.Ordinal);
        Assert.Contains("why: pictures 7.9 − encoding 0.4 − defects 1.2 = 6.3 (BRISQUE 23.1, NIQE 4.20, 0.082 bit/px h264, 720 lines, 25 fps) · model test-model-1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calibrated_breakdown_shows_both_scores_and_a_result_without_one_shows_no_section()
    {
        var extras = new ReportFramesTests.FakeExtras();
        var local = ReportFramesTests.Row(1, "a.mp4", 5.9, string.Empty, source: "local-analysis");
        var service = ReportFramesTests.Row(2, "b.mp4", 7, string.Empty);
        extras.Breakdowns[local.Key] = Sample(calibration: "studio-2026");

        using var writer = new StringWriter();
        HtmlReport.Write(writer, [local, service], "t", DateTimeOffset.UnixEpoch, null, new ReportOptions { Extras = extras });
        var html = WebUtility.HtmlDecode(writer.ToString());

        Assert.Contains("<dt>Score</dt><dd>6.3 → 5.9 (calibrated by studio-2026)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"video-0-breakdown\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"video-1-breakdown\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_format_1_media_table_reads_without_breakdowns_and_is_migrated_in_place_when_written()
    {
        var path = _dir.File("old.db");
        using (var file = JournalFile.Open(path, create: true, TimeProvider.System))
        {
            // The media table as format 1 wrote it.
            file.Database.Execute("""
                CREATE TABLE media (key TEXT PRIMARY KEY, duration REAL, width INTEGER, height INTEGER, video_codec TEXT,
                  fps REAL, audio_tracks INTEGER, container TEXT, notes TEXT, added TEXT NOT NULL);
                INSERT INTO media(key, duration, width, height, video_codec, notes, added) VALUES ('a.mp4', 4, 640, 360, 'h264', '["n"]', 'then');
                """);
            file.SetMeta(JournalMedia.SchemaMeta, "1");

            var reading = JournalMedia.OpenForReading(file)!;
            Assert.Null(reading.ReadBreakdown("a.mp4"));
            Assert.Equal("1", file.GetMeta(JournalMedia.SchemaMeta)); // reading changes nothing

            var media = JournalMedia.Open(file);
            Assert.Equal("2", file.GetMeta(JournalMedia.SchemaMeta));
            Assert.Equal((4.0, 640, "h264"), (media.Read("a.mp4")!.DurationSeconds, media.Read("a.mp4")!.Width, media.Read("a.mp4")!.VideoCodec));
            Assert.Null(media.ReadBreakdown("a.mp4"));
            Assert.True(media.PutBreakdown("a.mp4", Sample("cal")));
            Assert.Equal(JournalBreakdown.Write(Sample("cal")), JournalBreakdown.Write(media.ReadBreakdown("a.mp4")!));
            Assert.False(media.PutBreakdown("b.mp4", Sample())); // no facts row to keep it in
            Assert.True(media.PutBreakdown("a.mp4", null));
            Assert.Null(media.ReadBreakdown("a.mp4"));
            JournalMedia.Open(file); // opening again is a no-op

            file.SetMeta(JournalMedia.SchemaMeta, "3");
            Assert.Contains("unsupported format 3", Assert.Throws<CliUsageException>(() => JournalMedia.Open(file)).Message, StringComparison.Ordinal);
        }

        Assert.Null(JournalBreakdown.Read("{not json"));
        Assert.Null(JournalBreakdown.Read("{\"format\":1}"));
    }

    [Fact]
    public void The_why_line_and_the_journal_carry_the_estimated_lost_energy()
    {
        var b = new LocalScoreBreakdown
        {
            Score = 6.3, PerceptualScore = 7.9, EncodingPriorPenalty = 0.4, DefectPenalty = 1.2, UncalibratedScore = 6.3,
            LostEnergy = 6.5, Codec = "h264", CodedHeight = 720, Model = "test-model-1",
        };
        // 10·log10(255² / 6.5) = 40.0 dB.
        Assert.Contains("lost energy 6.5 (≈ 40.0 dB)", CosQualityEstimate.Cli.Output.BreakdownOutput.Text(b), StringComparison.Ordinal);
        Assert.Equal(6.5, JournalBreakdown.Read(JournalBreakdown.Write(b))!.LostEnergy);
        Assert.Null(JournalBreakdown.Read(JournalBreakdown.Write(Sample()))!.LostEnergy);
    }

    [Fact]
    public void The_why_line_and_the_json_and_the_journal_carry_the_quantizer_and_the_coarse_detail()
    {
        var b = new LocalScoreBreakdown
        {
            Score = 6.3, PerceptualScore = 7.9, EncodingPriorPenalty = 0.4, DefectPenalty = 1.2, UncalibratedScore = 6.3,
            BitsPerPixel = 0.082, QuantizationParameter = 27.35, CoarseDetail = 7.25, Codec = "h264", CodedHeight = 720, Model = "test-model-1",
        };
        Assert.Contains("0.082 bit/px h264, QP 27.4, 720 lines", CosQualityEstimate.Cli.Output.BreakdownOutput.Text(b), StringComparison.Ordinal);
        Assert.DoesNotContain("QP", CosQualityEstimate.Cli.Output.BreakdownOutput.Text(Sample()), StringComparison.Ordinal);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            CosQualityEstimate.Cli.Output.BreakdownOutput.WriteJson(w, b);
            w.WriteEndObject();
        }

        using var json = System.Text.Json.JsonDocument.Parse(buffer.WrittenMemory);
        var breakdown = json.RootElement.GetProperty("breakdown");
        Assert.Equal(27.35, breakdown.GetProperty("quantizationParameter").GetDouble());
        Assert.Equal(7.25, breakdown.GetProperty("coarseDetail").GetDouble());

        var kept = JournalBreakdown.Read(JournalBreakdown.Write(b))!;
        Assert.Equal((27.35, 7.25), (kept.QuantizationParameter, kept.CoarseDetail));
        var old = JournalBreakdown.Read(JournalBreakdown.Write(Sample()))!;
        Assert.Null(old.QuantizationParameter);
        Assert.Null(old.CoarseDetail);
    }
}
