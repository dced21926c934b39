using CosQualityEstimate.Models;
using Xunit.Abstractions;

namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

internal static class ResultAssert
{
    public const double Tolerance = 0.5;

    public static IReadOnlyList<(QualityIssueType Type, DetailedResultItem Item)> Items(LocalAnalysisResult result) =>
        result.QualityEstimate.VqaPlus!.DetailedResults.SelectMany(r => r.Items.Select(i => (r.Type, i))).ToList();

    /// <summary>Exactly one item of <paramref name="type"/>, starting and ending within 0.5 s of the truth.</summary>
    public static DetailedResultItem Found(LocalAnalysisResult result, QualityIssueType type, double start, double end)
    {
        var items = Items(result).Where(i => i.Type == type).Select(i => i.Item).ToList();
        var item = Assert.Single(items);
        Assert.InRange(item.StartTimeOffset!.Value, start - Tolerance, start + Tolerance);
        Assert.InRange(item.EndTimeOffset!.Value, end - Tolerance, end + Tolerance);
        Assert.InRange(item.Confidence!.Value, 50, 100);
        return item;
    }

    /// <summary>Writes one row of the detection table (type, found, time errors, other findings) to the test output.</summary>
    public static void Report(ITestOutputHelper output, string clip, LocalAnalysisResult result, QualityIssueType type, double start, double end)
    {
        var found = Items(result).Where(i => i.Type == type).Select(i => i.Item).FirstOrDefault();
        var others = Items(result).Where(i => i.Type != type).Select(i => $"{i.Type} {i.Item.RawStartTimeOffset}-{i.Item.RawEndTimeOffset}");
        output.WriteLine(found is null
            ? $"| {clip} | {type} | missed | - | - | {string.Join("; ", others)} | {result.QualityEstimate.RawScore} |"
            : $"| {clip} | {type} {start}-{end} | {found.RawStartTimeOffset}-{found.RawEndTimeOffset} | {found.StartTimeOffset - start:+0.00;-0.00;0} | {found.EndTimeOffset - end:+0.00;-0.00;0} | {(others.Any() ? string.Join("; ", others) : "none")} | {result.QualityEstimate.RawScore} |");
    }
}
