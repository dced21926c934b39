using System.Diagnostics;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>Generates the CLI tests' clips with ffmpeg's lavfi sources (ffmpeg on PATH; CI installs it).</summary>
internal static class FfmpegClips
{
    /// <summary>Runs <c>ffmpeg -nostdin -hide_banner -loglevel error -y</c> with <paramref name="arguments"/>; fails the test on an error.</summary>
    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ffmpeg could not generate the test clip: " + error.Result);
    }
}
