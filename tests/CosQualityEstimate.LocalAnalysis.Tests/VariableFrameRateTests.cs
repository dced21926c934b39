using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;
using CosQualityEstimate.Models;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>Issue 22 §5: variable-frame-rate footage (phones) is timed by each frame's presentation time, not by its
/// index at a constant rate: a defect injected at a known time is reported at that time, before and after the rate changes.</summary>
[Collection(ClipsCollection.Name)]
public sealed class VariableFrameRateTests(TestClips clips, ITestOutputHelper output)
{
    [Fact]
    public void The_clip_really_changes_its_frame_rate()
    {
        var times = TestSupport.Ffmpeg.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time", "-of", "csv=p=0", clips.Get("vfr")])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t.TrimEnd(','), CultureInfo.InvariantCulture))
            .ToList();

        Assert.Equal(0.1, times[11] - times[10], 3);
        Assert.Equal(1 / 30.0, times[^10] - times[^11], 3);
        Assert.Equal(10, times[^1], 0);
    }

    [Fact]
    public async Task Shake_and_pixelation_are_reported_at_their_times()
    {
        var result = await new LocalVideoAnalyzer().AnalyzeAsync(clips.Get("vfr"));
        ResultAssert.Report(output, "vfr", result, QualityIssueType.Jitter, TestClips.VfrShakeStart, TestClips.VfrShakeEnd);
        ResultAssert.Report(output, "vfr", result, QualityIssueType.Mosaic, TestClips.VfrMosaicStart, TestClips.VfrMosaicEnd);

        Assert.DoesNotContain(result.Notes, n => n.Contains("Jitter not checked", StringComparison.Ordinal)); // vidstabdetect ran
        ResultAssert.Found(result, QualityIssueType.Jitter, TestClips.VfrShakeStart, TestClips.VfrShakeEnd);
        ResultAssert.Found(result, QualityIssueType.Mosaic, TestClips.VfrMosaicStart, TestClips.VfrMosaicEnd);
        Assert.Equal(10, result.DurationSeconds, 0);
    }
}
