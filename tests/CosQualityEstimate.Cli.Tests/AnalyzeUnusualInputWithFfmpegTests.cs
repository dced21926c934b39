using System.Diagnostics;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe analyze</c> with the machine's ffmpeg on input the analysis cannot handle: a video 1 pixel wide is one
/// unreadable file and the others are still analysed; ffmpeg missing from the host's PATH stops the run with the install line.
/// </summary>
public sealed class AnalyzeUnusualInputWithFfmpegTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void Ffmpeg(params string[] arguments) => FfmpegClips.Run(arguments);

    [Fact]
    public async Task A_video_1_pixel_wide_is_unreadable_and_the_next_file_is_still_analysed()
    {
        Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=32x32:rate=25:duration=2", "-vf", "scale=1:16,format=gray", "-c:v", "ffv1", _dir.File("tiny.mkv"));
        Ffmpeg(
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", _dir.File("good.mp4"));

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "tiny.mkv", "good.mp4"], directory: _dir.Path);

        Assert.True(result.ExitCode == 1, result.ToString()); // docs/cli.md: a file that could not be analysed is exit 1
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: cannot analyse tiny.mkv [MediaUnreadable]: ", line, StringComparison.Ordinal);
        Assert.Contains("picture too small to analyse: 1x16", line, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny.mkv", result.Out, StringComparison.Ordinal); // told once, on stderr
        Assert.Contains("good.mp4: LOCAL-ANALYSIS score ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ffmpeg_missing_from_the_hosts_PATH_is_exit_2_with_the_install_line()
    {
        var emptyDirectory = Directory.CreateDirectory(_dir.File("empty-bin")).FullName;
        File.WriteAllText(_dir.File("a.mp4"), "x");
        var env = new Dictionary<string, string?> { ["PATH"] = emptyDirectory };

        var result = await CliRun.RunAsync(env, ["analyze", "a.mp4"], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: ", line, StringComparison.Ordinal);
        Assert.Contains("not found on PATH", line, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }
}
