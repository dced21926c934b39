using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Loads a page in a real headless Chromium (Debian's <c>chromium</c>), returning the DOM after scripts ran and every console
/// message (uncaught errors show up as console messages on stderr with <c>--enable-logging=stderr</c>).
/// </summary>
internal static partial class HeadlessChromium
{
    public sealed record PageLoad(string Dom, IReadOnlyList<string> ConsoleMessages);

    /// <summary>A script statement for a report page's <c>load</c> handler: puts every poster and strip frame as
    /// <c>decoded:WxH</c> (or <c>pending:…</c>) into the body's <c>data-probe-frames</c> attribute.</summary>
    public const string FramesProbe = """
        var seen = [];
        document.querySelectorAll('.poster img, .strip img').forEach(function (i) { seen.push((i.complete ? 'decoded' : 'pending') + ':' + i.naturalWidth + 'x' + i.naturalHeight); });
        document.body.setAttribute('data-probe-frames', seen.join(','));
        """;

    /// <summary>The frames <see cref="FramesProbe"/> saw in a loaded page.</summary>
    public static string[] ProbedFrames(PageLoad page) =>
        Regex.Match(page.Dom, "data-probe-frames=\"([^\"]*)\"").Groups[1].Value.Split(',');

    public static string Executable
    {
        get
        {
            foreach (var candidate in new[] { Environment.GetEnvironmentVariable("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            {
                if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium (.ci/run does this).");
        }
    }

    public static async Task<PageLoad> LoadAsync(string htmlPath, string? screenshotPath = null)
    {
        var profile = Path.Combine(Path.GetTempPath(), "cosqe-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            var common = new List<string>
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, "--window-size=1280,2200",
            };
            var (dom, stderr) = await RunAsync([.. common, "--dump-dom", new Uri(htmlPath).AbsoluteUri]);
            var console = ConsoleLine().Matches(stderr).Select(m => m.Groups[1].Value).ToList();
            if (screenshotPath is not null)
            {
                var (_, shotErr) = await RunAsync([.. common, "--hide-scrollbars", "--screenshot=" + screenshotPath, new Uri(htmlPath).AbsoluteUri]);
                console.AddRange(ConsoleLine().Matches(shotErr).Select(m => m.Groups[1].Value));
            }

            return new PageLoad(dom, console);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<(string Out, string Err)> RunAsync(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 s");
        }

        return (await stdout, await stderr);
    }

    [GeneratedRegex(@":CONSOLE[^\]]*\]\s*(.*)$", RegexOptions.Multiline)]
    private static partial Regex ConsoleLine();
}
