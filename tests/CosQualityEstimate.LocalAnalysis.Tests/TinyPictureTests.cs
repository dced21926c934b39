using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>
/// A picture too small to analyse (a video 1 pixel wide) is a typed, per-file error, never a crash or a hang; the
/// pieces that used to fail on it (the even-size fit, the frame worker) are safe on their own; ffmpeg's pointer
/// addresses never reach a reason.
/// </summary>
[Collection(ClipsCollection.Name)]
public sealed class TinyPictureTests(TestClips clips)
{
    [Fact]
    public async Task A_1x16_video_is_MediaUnreadable_picture_too_small()
    {
        var path = Path.Combine(clips.Directory, "tiny-1x16.mkv");
        TestSupport.Ffmpeg.Run("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=32x32:rate=25:duration=2",
            "-vf", "scale=1:16,format=gray", "-c:v", "ffv1", path,
        ]);

        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path));

        Assert.Equal("picture too small to analyse: 1x16", error.FfmpegReason);
        Assert.Contains("tiny-1x16.mkv", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(16, 15)]
    [InlineData(15, 200)]
    public void Probe_of_a_picture_under_16_pixels_is_unreadable(int width, int height)
    {
        var output = new FfprobeOutput
        {
            Streams = [new FfprobeStream { Index = 0, CodecType = "video", CodecName = "ffv1", Width = width, Height = height }],
        };

        var error = Assert.Throws<MediaUnreadableException>(() => MediaProbe.FromOutput(output, "x.mkv"));

        Assert.Equal($"picture too small to analyse: {width}x{height}", error.FfmpegReason);
    }

    [Fact]
    public void Probe_of_a_16x16_picture_is_readable()
    {
        var output = new FfprobeOutput
        {
            Streams = [new FfprobeStream { Index = 0, CodecType = "video", CodecName = "ffv1", Width = 16, Height = 16 }],
        };

        var probe = MediaProbe.FromOutput(output, "x.mkv");

        Assert.True(probe.HasVideo);
        Assert.Equal(16, probe.Width);
    }

    [Theory]
    [InlineData(1, 16, 640, 2, 16)]
    [InlineData(16, 1, 640, 16, 2)]
    [InlineData(1, 1, 640, 2, 2)]
    [InlineData(4000, 1, 640, 640, 2)]
    [InlineData(321, 181, 640, 320, 180)]
    public void Fit_never_returns_a_side_under_2(int width, int height, int maxWidth, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), AnalysisGraph.Fit(width, height, maxWidth));
    }

    [Fact]
    public void FrameWorker_refuses_a_zero_byte_frame()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameWorker(0, 16, measureBlockiness: false, new LocalAnalysisThresholds()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameWorker(16, 0, measureBlockiness: false, new LocalAnalysisThresholds()));
    }

    [Fact]
    public void Reasons_carry_no_pointer_addresses()
    {
        var reason = FfmpegReason.FromLog(
            "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55f4a1b2c3d0] moov atom not found\nfile:/tmp/x.mp4: Invalid data found when processing input\n",
            "file:/tmp/x.mp4");

        Assert.Equal("[mov,mp4,m4a,3gp,3g2,mj2] moov atom not found | input: Invalid data found when processing input", reason);
    }

    [Fact]
    public async Task Blockiness_note_appears_only_when_the_gray_frames_are_narrower_than_the_picture()
    {
        var full = await new LocalVideoAnalyzer().AnalyzeAsync(clips.Get("clean"));
        var narrow = await new LocalVideoAnalyzer(new LocalAnalysisOptions { Thresholds = new LocalAnalysisThresholds { Plan = { GrayFrameMaxWidth = 160 } } })
            .AnalyzeAsync(clips.Get("clean"));

        Assert.DoesNotContain(full.Notes, n => n.Contains("blockiness not checked", StringComparison.Ordinal));
        Assert.Contains(narrow.Notes, n => n.Contains("blockiness not checked", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task Cancelling_during_the_ffmpeg_check_kills_the_hanging_ffmpeg()
    {
        var directory = Directory.CreateDirectory(Path.Combine(clips.Directory, "hanging-" + Guid.NewGuid().ToString("N"))).FullName;
        var script = Path.Combine(directory, "ffmpeg");
        // An ffmpeg that never answers -filters (the tools check).
        await File.WriteAllTextAsync(script, "#!/bin/sh\nsleep 300\n");
        if (OperatingSystem.IsWindows())
        {
            return; // unreachable: UnixFact skips on Windows
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var cancellation = new CancellationTokenSource();
        var check = LocalVideoAnalyzer.IsFfmpegAvailableAsync(new LocalAnalysisOptions { FfmpegPath = script }, cancellation.Token);
        // Cancel once the fake ffmpeg runs, not after a guessed delay.
        while (!check.IsCompleted && RunningProcesses.Naming(script).Count == 0)
        {
            await Task.Yield();
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);
        Assert.Empty(RunningProcesses.Naming(script));
    }

}
