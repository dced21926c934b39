using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>The report opened from disk in a real headless Chromium.</summary>
public sealed class ReportInChromiumTests : IClassFixture<FinishedJournalFixture>
{
    private readonly FinishedJournalFixture _journal;
    private readonly ITestOutputHelper _output;

    public ReportInChromiumTests(FinishedJournalFixture journal, ITestOutputHelper output)
    {
        _journal = journal;
        _output = output;
    }

    [Fact]
    public async Task Report_renders_in_chromium_with_charts_and_no_console_errors()
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var html = Path.Combine(artifacts, "report.html");
        var screenshot = Path.Combine(artifacts, "report.png");
        File.Delete(screenshot);
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), ["report", "--journal", _journal.MeasuredJournal, "--out", html]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var page = await HeadlessChromium.LoadAsync(html, screenshot);

        Assert.True(page.ConsoleMessages.Count == 0, "console: " + string.Join(" | ", page.ConsoleMessages));
        Assert.Contains("data-rendered=\"true\"", page.Dom);
        Assert.Matches("<svg id=\"histogram\"[^>]*>.*<rect class=\"bar", page.Dom);
        Assert.Contains("class=\"timeline\"", page.Dom);
        var rows = Regex.Matches(page.Dom, "<tr class=\"video\">").Count;
        Assert.Equal(_journal.KeyCount, rows);
        Assert.Contains($"{_journal.KeyCount} video(s)", page.Dom);

        // The hostile keys are shown as text (encoded in the DOM), never run.
        Assert.Contains("&lt;img src=x onerror=", page.Dom);
        Assert.DoesNotContain("pwned", string.Join(" ", page.ConsoleMessages));

        Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "no screenshot at " + screenshot);
        _output.WriteLine("Report screenshot: " + screenshot);
        Console.WriteLine("Report screenshot: " + screenshot);
    }

    [Fact]
    public async Task The_check_fails_on_a_page_with_a_script_error()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        var broken = Path.Combine(dir, "broken.html");
        File.WriteAllText(broken, "<!DOCTYPE html><html><body><script>var x = null; x.explode(); document.body.setAttribute('data-rendered','true');</script></body></html>");

        var page = await HeadlessChromium.LoadAsync(broken);

        var message = Assert.Single(page.ConsoleMessages);
        Assert.Contains("Uncaught TypeError", message);
        Assert.DoesNotContain("data-rendered=\"true\"", page.Dom);
    }
}
