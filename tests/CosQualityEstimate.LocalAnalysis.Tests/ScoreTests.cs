using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Scoring;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>The score formula: 10 when clean, 0 without video, monotone in coverage and in the number of types.</summary>
public sealed class ScoreTests
{
    [Fact]
    public void Clean_clip_scores_10_and_no_video_scores_0()
    {
        Assert.Equal(10.0, QualityScore.Compute([], 10, hasVideo: true));
        Assert.Equal(0.0, QualityScore.Compute([], 10, hasVideo: false));
    }

    [Fact]
    public void Whole_clip_defects_cost_their_full_weight()
    {
        Assert.Equal(5.0, QualityScore.Compute([new Finding(QualityIssueType.Blur, 0, 10, 90)], 10, true));
        Assert.Equal(3.0, QualityScore.Compute([new Finding(QualityIssueType.CrashScreen, 0, 10, 90)], 10, true));
        Assert.Equal(8.5, QualityScore.Compute([new Finding(QualityIssueType.BlackWhiteEdge, 0, 10, 90)], 10, true));
        // 10 - 5 * sqrt(0.25) = 7.5
        Assert.Equal(7.5, QualityScore.Compute([new Finding(QualityIssueType.Mosaic, 2, 4.5, 90)], 10, true));
    }

    [Fact]
    public void Score_never_rises_when_a_finding_grows_or_a_type_is_added()
    {
        var previous = 10.0;
        for (var end = 0.5; end <= 10; end += 0.5)
        {
            var score = QualityScore.Compute([new Finding(QualityIssueType.Noise, 0, end, 80)], 10, true);
            Assert.True(score <= previous, $"score rose from {previous} to {score} at {end} s");
            previous = score;
        }

        var one = QualityScore.Compute([new Finding(QualityIssueType.Noise, 0, 3, 80)], 10, true);
        var two = QualityScore.Compute([new Finding(QualityIssueType.Noise, 0, 3, 80), new Finding(QualityIssueType.LowVoice, 5, 6, 80)], 10, true);
        Assert.True(two < one);
    }

    [Fact]
    public void Overlapping_items_of_one_type_count_once_and_codes_cost_nothing()
    {
        var once = QualityScore.Compute([new Finding(QualityIssueType.Blur, 0, 4, 80)], 16, true);
        var overlapping = QualityScore.Compute([new Finding(QualityIssueType.Blur, 0, 3, 80), new Finding(QualityIssueType.Blur, 1, 4, 80)], 16, true);
        Assert.Equal(once, overlapping);
        Assert.Equal(10.0, QualityScore.Compute([new Finding(QualityIssueType.QRCode, 0, 10, 95), new Finding(QualityIssueType.BarCode, 0, 10, 95)], 10, true));
    }

    [Fact]
    public void Score_stays_within_0_and_10()
    {
        var everything = QualityScore.Weights.Keys.Select(t => new Finding(t, 0, 10, 90)).ToList();
        Assert.Equal(0.0, QualityScore.Compute(everything, 10, true));
    }
}
