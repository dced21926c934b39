using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Report;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The report's "Good" card and histogram colours use the library's good-quality bar, not a literal.</summary>
public sealed class HtmlReportGoodBarTests
{
    [Fact]
    public void GoodCardAndHistogram_SplitAtTheLibrarysThreshold()
    {
        var bar = QualityEstimate.GoodQualityThreshold;
        JournalRow Row(long seq, string key, double score) =>
            new(seq, key, null, null, "j" + seq, JournalState.Success, score, null, null, "{\"format\":2,\"source\":\"service\",\"findings\":[]}");
        var rows = new[] { Row(1, "below.mp4", bar - 0.01), Row(2, "at.mp4", bar) };
        using var writer = new StringWriter();

        HtmlReport.Write(writer, rows, "t", DateTimeOffset.UnixEpoch);
        var html = writer.ToString();

        Assert.Contains("<div class=\"value\">50%</div>", html, StringComparison.Ordinal); // one of two at or above the bar
        Assert.Contains("Good (score ≥ 6)", html, StringComparison.Ordinal);
        var lastPoorBin = (int)bar - 1;
        Assert.Matches($"<rect class=\"bar poor\" data-bin=\"{lastPoorBin}\"", html);
        Assert.Matches($"<rect class=\"bar good\" data-bin=\"{(int)bar}\"", html);
    }
}
