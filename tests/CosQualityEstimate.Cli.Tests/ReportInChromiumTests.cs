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

    /// <summary>
    /// Issue 25: the frames a real analyze kept (a real clip, 640x360, scaled to 320x180) are decoded images of that size
    /// in Chromium, and a finding on the timeline, clicked or focused, shows its frame in the viewer. A probe script added to
    /// a copy of the report writes what the page sees into the DOM, which --dump-dom returns.
    /// </summary>
    [Fact]
    public async Task Report_frames_are_decoded_images_of_the_kept_size_and_a_timeline_finding_shows_its_frame()
    {
        using var dir = new TempDir();
        AnalyzeFramesWithFfmpegTests.Clip(dir.File("clip_blur.mp4"));
        AnalyzeFramesWithFfmpegTests.Clip(dir.File("plain_blur.mp4"));
        var journal = dir.File("j.db");
        var analyzed = await CliRun.RunAsync(new Dictionary<string, string?>(), ["analyze", "clip_blur.mp4", "plain_blur.mp4", "--journal", journal], directory: dir.Path, analyzer: new FakeAnalyzer());
        Assert.True(analyzed.ExitCode == 0, analyzed.ToString());
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var html = Path.Combine(artifacts, "report-frames.html");
        var report = await CliRun.RunAsync(new Dictionary<string, string?>(), ["report", "--journal", journal, "--out", html]);
        Assert.True(report.ExitCode == 0, report.ToString());

        var probe = Path.Combine(artifacts, "report-frames-probe.html");
        File.WriteAllText(probe, File.ReadAllText(html).Replace("</body>", "<script>window.addEventListener('load', function () {\n" + HeadlessChromium.FramesProbe + "\n" + """
              var rects = document.querySelectorAll('rect.finding[data-frame]');
              rects[1].dispatchEvent(new MouseEvent('click'));
              var viewer = document.getElementById(rects[1].getAttribute('data-viewer'));
              var shown = viewer.querySelector('img'), source = document.getElementById(rects[1].getAttribute('data-frame')).querySelector('img');
              document.body.setAttribute('data-probe-click', viewer.getAttribute('data-showing') + ':' + (shown !== null && shown.src === source.src));
              rects[0].focus();
              var first = document.getElementById(rects[0].getAttribute('data-viewer'));
              document.body.setAttribute('data-probe-focus', first.getAttribute('data-showing') + ':' + (document.activeElement === rects[0]));
            });
            </script></body>
            """, StringComparison.Ordinal));

        var page = await HeadlessChromium.LoadAsync(probe, Path.Combine(artifacts, "report-frames.png"));

        Assert.True(page.ConsoleMessages.Count == 0, "console: " + string.Join(" | ", page.ConsoleMessages));
        var frames = HeadlessChromium.ProbedFrames(page);
        Assert.Equal(4, frames.Length); // two posters, two Blur frames
        Assert.All(frames, f => Assert.Equal("decoded:320x180", f));
        Assert.Contains("data-probe-click=\"video-1-f3250:true\"", page.Dom, StringComparison.Ordinal);
        Assert.Contains("data-probe-focus=\"video-0-f3250:true\"", page.Dom, StringComparison.Ordinal);
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
