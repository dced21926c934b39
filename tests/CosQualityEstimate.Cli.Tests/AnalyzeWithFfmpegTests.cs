using System.Diagnostics;
using System.Text.Json;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe analyze</c> with the real analyzer and the machine's ffmpeg (CI installs it): a generated clip, the same
/// bytes under another name, a file that is not a video, and a missing ffmpeg.
/// </summary>
public sealed class AnalyzeWithFfmpegTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>4 s of testsrc2 at 320x180 with a 440 Hz tone, H.264 + AAC.</summary>
    private string Clip(string name)
    {
        var path = _dir.File(name);
        FfmpegClips.Run(
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path);
        return path;
    }

    [Fact]
    public async Task A_real_clip_is_analysed_locally_labelled_and_the_same_bytes_score_the_same_under_any_name()
    {
        var clip = Clip("holiday.mp4");
        File.Copy(clip, _dir.File("holiday_copy.mp4"));

        var json = await CliRun.RunAsync(NoEnv, ["analyze", "holiday.mp4", "holiday_copy.mp4", "-o", "json", "--concurrency", "2"], directory: _dir.Path);
        var text = await CliRun.RunAsync(NoEnv, ["analyze", "holiday.mp4"], directory: _dir.Path);

        Assert.True(json.ExitCode == 0, json.ToString());
        var jobs = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("local-analysis", j.GetProperty("source").GetString()));
        Assert.InRange(jobs[0].GetProperty("score").GetDouble(), 0, 10);
        Assert.Equal(jobs[0].GetProperty("score").GetDouble(), jobs[1].GetProperty("score").GetDouble());
        Assert.Equal(jobs[0].GetProperty("vqaPlus").GetRawText(), jobs[1].GetProperty("vqaPlus").GetRawText());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith("holiday.mp4: LOCAL-ANALYSIS score ", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("SIMULATED", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_is_one_stderr_line_and_exit_1_and_a_video_next_to_it_is_still_analysed()
    {
        Clip("good.mp4");
        File.WriteAllText(_dir.File("notes.mp4"), "this is not a video\n");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "notes.mp4", "good.mp4"], directory: _dir.Path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: cannot analyse notes.mp4 [MediaUnreadable]: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("notes.mp4", result.Out, StringComparison.Ordinal); // told once, on stderr
        Assert.Contains("good.mp4: LOCAL-ANALYSIS score ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_ffmpeg_is_exit_2_with_the_install_line()
    {
        File.WriteAllText(_dir.File("a.mp4"), "x");
        var env = new Dictionary<string, string?> { ["COSQE_FFMPEG"] = _dir.File("no-such-dir/ffmpeg") };

        var result = await CliRun.RunAsync(env, ["analyze", "a.mp4"], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: ", line, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", line, StringComparison.Ordinal);
        Assert.Contains("brew install ffmpeg", line, StringComparison.Ordinal);
        Assert.Contains("winget install ffmpeg", line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }
}
