using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;
using CosQualityEstimate.Models;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>One generated clip per detectable type, the defect at known times: the type is found, start and end
/// within 0.5 s, and nothing else is reported (LowEvaluation aside, which follows from the score).</summary>
[Collection(ClipsCollection.Name)]
public sealed class DetectionTests(TestClips clips, ITestOutputHelper output)
{
    private readonly LocalVideoAnalyzer _analyzer = new();

    [Fact]
    public async Task Clean_clip_has_no_finding_and_scores_10()
    {
        var clip = clips.Get("clean");
        var created = new List<string>();
        Ffmpeg.AnalysisRun.DirectoryCreated.Value = created.Add;

        LocalAnalysisResult result;
        try
        {
            result = await _analyzer.AnalyzeAsync(clip);
        }
        finally
        {
            Ffmpeg.AnalysisRun.DirectoryCreated.Value = null;
        }

        // The private temporary directory is removed (its own path, not a listing of the shared temporary folder, which
        // other processes' analyses use at the same time).
        var directory = Assert.Single(created);
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "cosqe-analysis-"), directory, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), directory);
        var estimate = result.QualityEstimate;
        // Issue 22: the score measures quality, not only defects. A defect-free clip costs nothing in defects; its score is
        // the model's reading of its pictures and encoding (a 320x180 synthetic pattern is not a 10 any more), and a
        // LowEvaluation follows the score, the one finding allowed here.
        Assert.DoesNotContain(estimate.VqaPlus!.DetailedResults, r => r.Type != QualityIssueType.LowEvaluation);
        var breakdown = result.Breakdown!;
        Assert.Equal(0, breakdown.DefectPenalty);
        Assert.Equal(breakdown.Score, estimate.Score);
        Assert.Equal(Math.Round(Math.Clamp(breakdown.PerceptualScore - breakdown.EncodingPriorPenalty, 0, 10), 1), breakdown.Score, 1);
        Assert.Equal(breakdown.Score >= 6, estimate.IsGoodQuality);
        Assert.False(estimate.VqaPlus.NoAudio);
        Assert.False(estimate.VqaPlus.NoVideo);
        Assert.Equal(QualityEstimateSource.LocalAnalysis, estimate.Source);
        Assert.Equal("local-analysis", estimate.RawSource);
        Assert.Equal(TestClips.Duration, result.DurationSeconds, 1);
        Assert.True(result.AnalysisTime > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("blur", QualityIssueType.Blur)]
    [InlineData("dark", QualityIssueType.LowLighting)]
    [InlineData("bright", QualityIssueType.HighLighting)]
    [InlineData("solid", QualityIssueType.SolidColorScreen)]
    [InlineData("edge", QualityIssueType.BlackWhiteEdge)]
    [InlineData("noise", QualityIssueType.Noise)]
    [InlineData("mosaic", QualityIssueType.Mosaic)]
    [InlineData("jitter", QualityIssueType.Jitter)]
    [InlineData("silence", QualityIssueType.NoVoice)]
    [InlineData("quiet", QualityIssueType.LowVoice)]
    [InlineData("clipped", QualityIssueType.HighVoice)]
    public async Task Defect_is_found_at_its_time_and_nothing_else(string clip, QualityIssueType type)
    {
        var result = await _analyzer.AnalyzeAsync(clips.Get(clip));
        ResultAssert.Report(output, clip, result, type, TestClips.DefectStart, TestClips.DefectEnd);

        ResultAssert.Found(result, type, TestClips.DefectStart, TestClips.DefectEnd);
        Assert.All(ResultAssert.Items(result), i => Assert.True(i.Type == type || i.Type == QualityIssueType.LowEvaluation, $"unexpected {i.Type}"));
        Assert.InRange(result.QualityEstimate.Score!.Value, 0, 9.9);
    }

    [Fact]
    public async Task Areas_are_reported_for_bars_and_pixelation()
    {
        var edge = ResultAssert.Found(await _analyzer.AnalyzeAsync(clips.Get("edge")), QualityIssueType.BlackWhiteEdge, 3, 5);
        // The white bars are 40 px wide on both sides: the picture between them is x 40..279.
        Assert.Equal(4, edge.AreaCoordSet.Count);
        Assert.InRange(edge.AreaCoordSet[0], 36, 44);
        Assert.InRange(edge.AreaCoordSet[2], 275, 283);

        var mosaic = ResultAssert.Found(await _analyzer.AnalyzeAsync(clips.Get("mosaic")), QualityIssueType.Mosaic, 3, 5);
        Assert.Equal(4, mosaic.AreaCoordSet.Count);
        Assert.True(mosaic.AreaCoordSet[2] - mosaic.AreaCoordSet[0] >= 200, "the whole picture is pixelated");
    }

    [Fact]
    public async Task Qr_code_and_barcode_are_found_with_their_times_and_areas()
    {
        var result = await _analyzer.AnalyzeAsync(clips.Get("codes"));
        ResultAssert.Report(output, "codes", result, QualityIssueType.QRCode, 1, 3);
        ResultAssert.Report(output, "codes", result, QualityIssueType.BarCode, 5, 7);

        var qr = ResultAssert.Found(result, QualityIssueType.QRCode, 1, 3);
        var bar = ResultAssert.Found(result, QualityIssueType.BarCode, 5, 7);
        // The QR code was overlaid at (180, 30), 120 px square.
        Assert.InRange(qr.AreaCoordSet[0], 170, 230);
        Assert.InRange(qr.AreaCoordSet[1], 20, 80);
        Assert.Equal(4, bar.AreaCoordSet.Count);
        Assert.All(ResultAssert.Items(result), i => Assert.Contains(i.Type, new[] { QualityIssueType.QRCode, QualityIssueType.BarCode, QualityIssueType.LowEvaluation }));
        Assert.Equal(0, result.Breakdown!.DefectPenalty); // codes are content, not a quality defect
    }

    [Fact]
    public async Task Corrupted_bytes_are_a_crash_screen()
    {
        var result = await _analyzer.AnalyzeAsync(clips.Get("crash"));
        ResultAssert.Report(output, "crash", result, QualityIssueType.CrashScreen, 3, 5);

        ResultAssert.Found(result, QualityIssueType.CrashScreen, TestClips.DefectStart, TestClips.DefectEnd);
        Assert.True(result.QualityEstimate.Score < 10);
    }

    [Fact]
    public async Task Av1_decoder_info_line_is_neither_a_note_nor_a_crash_screen()
    {
        // libdav1d prints "[libdav1d @ 0x…] [info] libdav1d 1.0.0" for every file; the first second is blocky.
        var result = await _analyzer.AnalyzeAsync(clips.Get("av1"));

        Assert.DoesNotContain(ResultAssert.Items(result), i => i.Type == QualityIssueType.CrashScreen);
        Assert.DoesNotContain(result.Notes, n => n.Contains("decoder", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task File_without_audio_is_NoAudio_and_has_no_voice_finding()
    {
        var result = await _analyzer.AnalyzeAsync(clips.Get("noaudio"));

        Assert.True(result.QualityEstimate.VqaPlus!.NoAudio);
        Assert.Equal("true", result.QualityEstimate.VqaPlus.RawNoAudio);
        Assert.False(result.QualityEstimate.VqaPlus.NoVideo);
        Assert.DoesNotContain(result.QualityEstimate.VqaPlus.DetailedResults, r => r.Type != QualityIssueType.LowEvaluation);
        Assert.Equal(0, result.Breakdown!.DefectPenalty); // no audio costs nothing
    }

    [Fact]
    public async Task Audio_only_file_is_NoVideo_scored_0_with_LowEvaluation()
    {
        var result = await _analyzer.AnalyzeAsync(clips.Get("audioonly"));

        Assert.True(result.QualityEstimate.VqaPlus!.NoVideo);
        Assert.False(result.QualityEstimate.VqaPlus.NoAudio);
        Assert.Equal(0.0, result.QualityEstimate.Score);
        ResultAssert.Found(result, QualityIssueType.LowEvaluation, 0, TestClips.Duration);
    }

    [Fact]
    public async Task Same_bytes_under_another_name_give_the_same_result()
    {
        var original = clips.Get("blur");
        var copy = Path.Combine(clips.Directory, "copy of blur: holiday (2).mp4");
        File.Copy(original, copy, overwrite: true);

        var first = await _analyzer.AnalyzeAsync(original);
        var second = await _analyzer.AnalyzeAsync(copy);

        Assert.Equal(first.QualityEstimate.RawScore, second.QualityEstimate.RawScore);
        Assert.Equal(Describe(first), Describe(second));
        Assert.NotEmpty(Describe(first));
    }

    private static List<string> Describe(LocalAnalysisResult result) =>
        ResultAssert.Items(result).Select(i => $"{i.Type} {i.Item.RawStartTimeOffset} {i.Item.RawEndTimeOffset} {i.Item.RawConfidence} {string.Join(",", i.Item.RawAreaCoordSet)}").ToList();
}
