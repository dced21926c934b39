using System.Diagnostics;
using System.Text.Json;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe estimate</c> offline (no credentials, no endpoint: the embedded emulator) with the machine's ffmpeg: the
/// emulator analyses the uploaded bytes for real, so a generated clip with a black segment at known times comes back
/// labelled local-analysis with a SolidColorScreen finding at those times, the same bytes under another name score the
/// same, and a file that is not a video fails its job.
/// </summary>
public sealed class OfflineEstimateWithFfmpegTests : IDisposable
{
    /// <summary>Where the black segment of <see cref="ClipWithBlackSegment"/> is, in seconds.</summary>
    private const double BlackStart = 2;
    private const double BlackEnd = 4;

    private static readonly Dictionary<string, string?> Offline = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>6 s of testsrc2 at 320x180 with a 440 Hz tone, H.264 + AAC, the picture black from 2 s to 4 s.</summary>
    private string ClipWithBlackSegment(string name)
    {
        var path = _dir.File(name);
        FfmpegClips.Run(
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=6",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
            "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,2,4)',format=yuv420p",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", path);
        return path;
    }

    [Fact]
    public async Task Offline_estimate_of_a_real_clip_is_local_analysis_with_the_black_segment_and_the_same_score_under_another_name()
    {
        var clip = ClipWithBlackSegment("party.mp4");
        File.Copy(clip, _dir.File("party_again.mp4"));

        var result = await CliRun.RunAsync(Offline, ["estimate", "party.mp4", "party_again.mp4", "-o", "json", "--poll-interval", "50ms"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var jobs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        foreach (var job in jobs)
        {
            Assert.Equal("local-analysis", job.GetProperty("source").GetString());
            Assert.InRange(job.GetProperty("score").GetDouble(), 0, 10);
            var solid = job.GetProperty("vqaPlus").GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("type").GetString() == "SolidColorScreen")
                .ToList();
            var finding = Assert.Single(solid);
            Assert.InRange(finding.GetProperty("start").GetDouble(), BlackStart - 0.5, BlackStart + 0.5);
            Assert.InRange(finding.GetProperty("end").GetDouble(), BlackEnd - 0.5, BlackEnd + 0.5);
        }

        Assert.Equal(jobs[0].GetProperty("score").GetDouble(), jobs[1].GetProperty("score").GetDouble());
        Assert.Equal(jobs[0].GetProperty("vqaPlus").GetRawText(), jobs[1].GetProperty("vqaPlus").GetRawText());
    }

    [Fact]
    public async Task Offline_estimate_of_a_file_that_is_not_a_video_is_a_Failed_InvalidInputFile_job_and_exit_1()
    {
        File.WriteAllText(_dir.File("notes.mp4"), "this is not a video\n");

        var result = await CliRun.RunAsync(Offline, ["estimate", "notes.mp4", "-o", "json", "--poll-interval", "50ms"], directory: _dir.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var job = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("Failed", job.GetProperty("state").GetString());
        Assert.Equal("InvalidInputFile", job.GetProperty("code").GetString());
    }
}
