using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;
using CosQualityEstimate.Models;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.RealFootage;

/// <summary>
/// Real camera and film footage (README.md beside this file): untouched clips get no severe false finding, and defects
/// injected into the footage at 3–5 s are found within 0.5 s, the score below the untouched copy's. Each test writes
/// its row of the real-corpus table in docs/local-analysis.md to the test output.
/// </summary>
[Collection(RealCorpusCollection.Name)]
public sealed class RealFootageTests(RealCorpus corpus, ITestOutputHelper output)
{
    /// <summary>Findings that must never appear on an untouched real clip.</summary>
    private static readonly QualityIssueType[] Severe =
        [QualityIssueType.CrashScreen, QualityIssueType.SolidColorScreen, QualityIssueType.Mosaic, QualityIssueType.BlackWhiteEdge];

    private readonly LocalVideoAnalyzer _analyzer = new();

    [Fact]
    public async Task Phone_clip_whose_first_slice_draws_a_decoder_warning_is_no_crash_screen()
    {
        // box-7s.mp4: its first H.264 slice draws "A non-intra slice in an IDR NAL unit" while the picture is perfect.
        var result = await _analyzer.AnalyzeAsync(RealCorpus.Committed);
        Report("box-7s.mp4 (committed)", result);

        AssertNoFalseAlarm(result);
        Assert.Contains(result.Notes, n => n.StartsWith("note: the video decoder reported", StringComparison.Ordinal) && n.Contains("non-intra slice"));
    }

    [Theory]
    [InlineData("pan-storm.mp4")] // dim stormy sky over a dark road: dark picture edges, no bars
    [InlineData("pan-twowings.mp4")] // macro photograph, shallow depth of field: a blurred background on purpose
    [InlineData("pan-dune.mp4")] // dune grass against the sea: fine texture
    [InlineData("pan-wood.mp4")] // pale wooden deck, high key
    public async Task Camera_move_over_a_photograph_has_no_severe_false_finding(string file)
    {
        var result = await _analyzer.AnalyzeAsync(RealCorpus.CommittedFile(file));
        Report(file, result);

        AssertNoFalseAlarm(result);
        Assert.DoesNotContain(ResultAssert.Items(result), i => i.Type is QualityIssueType.Blur or QualityIssueType.LowLighting
            or QualityIssueType.HighLighting or QualityIssueType.Jitter);
    }

    [RealFootageTheory]
    [InlineData("Megamind.avi")] // animated film, MPEG-4 part 2 with packed B-frames, AC-3 audio with an incomplete frame, dim
    [InlineData("Megamind_bugy.avi")] // animated film, dim, dark picture edges, scene cuts
    [InlineData("vtest.avi")] // surveillance camera, MS-MPEG4 v3
    [InlineData("tree.avi")] // hand-held camera, Cinepak, grainy
    [InlineData("box.mp4")] // phone, H.264 + MP3, first slice draws a decoder warning
    [InlineData("cup.mp4")] // phone, H.264 + AAC, a hand with a cup
    public async Task Untouched_real_clip_has_no_severe_false_finding(string file)
    {
        var result = await _analyzer.AnalyzeAsync(RealCorpus.Original(file));
        Report(file, result);

        AssertNoFalseAlarm(result);
        if (file.StartsWith("Megamind", StringComparison.Ordinal))
        {
            // Dim film with highlights: lit as intended, not underexposed.
            Assert.DoesNotContain(ResultAssert.Items(result), i => i.Type == QualityIssueType.LowLighting);
        }
    }

    [Theory]
    [InlineData("black", QualityIssueType.SolidColorScreen)]
    [InlineData("dark", QualityIssueType.LowLighting)]
    [InlineData("bright", QualityIssueType.HighLighting)]
    [InlineData("blur", QualityIssueType.Blur)]
    [InlineData("pixelate", QualityIssueType.Mosaic)]
    [InlineData("pillarbox", QualityIssueType.BlackWhiteEdge)]
    [InlineData("letterbox", QualityIssueType.BlackWhiteEdge)]
    [InlineData("silence", QualityIssueType.NoVoice)]
    [InlineData("crash", QualityIssueType.CrashScreen)]
    public Task Defect_injected_into_phone_footage_is_found_at_its_time(string defect, QualityIssueType type) =>
        InjectedDefectIsFound("box", defect, type);

    [Theory]
    [InlineData("dark", QualityIssueType.LowLighting)]
    [InlineData("letterbox", QualityIssueType.BlackWhiteEdge)]
    [InlineData("pillarbox", QualityIssueType.BlackWhiteEdge)]
    [InlineData("blur", QualityIssueType.Blur)]
    public Task Defect_injected_into_a_dim_landscape_is_found_at_its_time(string defect, QualityIssueType type) =>
        InjectedDefectIsFound("storm", defect, type);

    [RealFootageTheory]
    [InlineData("dark", QualityIssueType.LowLighting)]
    [InlineData("letterbox", QualityIssueType.BlackWhiteEdge)]
    [InlineData("blur", QualityIssueType.Blur)]
    [InlineData("crash", QualityIssueType.CrashScreen)]
    public Task Defect_injected_into_dim_film_is_found_at_its_time(string defect, QualityIssueType type) =>
        InjectedDefectIsFound("film", defect, type);

    private async Task InjectedDefectIsFound(string source, string defect, QualityIssueType type)
    {
        var clean = await _analyzer.AnalyzeAsync(corpus.Get(source + ":clean"));
        var result = await _analyzer.AnalyzeAsync(corpus.Get(source + ":" + defect));
        Report(source + ":clean", clean);
        ResultAssert.Report(output, source + ":" + defect, result, type, RealCorpus.DefectStart, RealCorpus.DefectEnd);

        AssertNoFalseAlarm(clean);
        ResultAssert.Found(result, type, RealCorpus.DefectStart, RealCorpus.DefectEnd);
        Assert.True(
            result.QualityEstimate.Score < clean.QualityEstimate.Score,
            $"score {result.QualityEstimate.RawScore} with {defect}, {clean.QualityEstimate.RawScore} untouched");
    }

    private static void AssertNoFalseAlarm(LocalAnalysisResult result)
    {
        Assert.False(result.QualityEstimate.VqaPlus!.NoVideo);
        var severe = ResultAssert.Items(result).Where(i => Severe.Contains(i.Type)).ToList();
        Assert.True(
            severe.Count == 0,
            "false findings: " + string.Join("; ", severe.Select(i => $"{i.Type} {i.Item.RawStartTimeOffset}-{i.Item.RawEndTimeOffset}")));
    }

    private void Report(string clip, LocalAnalysisResult result)
    {
        var items = ResultAssert.Items(result).Select(i => $"{i.Type} {i.Item.RawStartTimeOffset}-{i.Item.RawEndTimeOffset}").ToList();
        output.WriteLine($"| {clip} | {(items.Count == 0 ? "none" : string.Join("; ", items))} | {result.QualityEstimate.RawScore} |");
        foreach (var note in result.Notes)
        {
            output.WriteLine("  " + note);
        }
    }
}
