using CosQualityEstimate.Cli.Frames;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe analyze --journal</c> keeps frames and facts (issue 25 §3) with the machine's ffmpeg: a real 10-second clip,
/// scored by the scripted analyzer (a Blur finding at 2–4.5 s for a name with "blur"), so the frame times are known.
/// </summary>
public sealed class AnalyzeFramesWithFfmpegTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>10 s of testsrc2 at 640x360, 25 fps, with a tone: H.264 + AAC.</summary>
    internal static void Clip(string path) => FfmpegClips.Run(
        "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=10",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-shortest", path);

    private static List<StoredFrame> Frames(string journal, string key)
    {
        using var file = JournalFile.OpenExisting(journal, TimeProvider.System);
        return JournalFrames.OpenForReading(file)?.Read(key) ?? [];
    }

    [Fact]
    public async Task Analyze_keeps_a_poster_and_a_finding_frame_at_most_320_wide_and_the_facts_and_a_rerun_takes_none_again()
    {
        Clip(_dir.File("clip_blur.mp4"));
        var journal = _dir.File("j.db");
        var key = "clip_blur.mp4"; // the journal key: the path below its argument root

        var first = await CliRun.RunAsync(NoEnv, ["analyze", "clip_blur.mp4", "--journal", journal], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("; frames: 2 kept (", first.Error, StringComparison.Ordinal);
        var frames = Frames(journal, key);
        Assert.Equal([FrameRole.Poster, FrameRole.Finding], frames.Select(f => f.Role));
        Assert.Equal(2000, frames[0].AtMs); // a fifth of 10 s
        Assert.Equal(3250, frames[1].AtMs); // the middle of 2–4.5 s
        Assert.All(frames, f =>
        {
            Assert.Equal("image/jpeg", f.ContentType);
            Assert.Equal("ffmpeg", f.Origin);
            Assert.True(JpegSize.TryRead(f.Bytes, out var width, out var height));
            Assert.Equal((320, 180), (width, height));
            Assert.Equal((320, 180), (f.Width, f.Height));
            Assert.InRange(f.Bytes.Length, 1000, JournalFrames.MaxFrameBytes);
        });
        using (var file = JournalFile.OpenExisting(journal, TimeProvider.System))
        {
            var facts = JournalMedia.OpenForReading(file)!.Read(key)!;
            Assert.Equal((640, 360, "h264", 1), (facts.Width, facts.Height, facts.VideoCodec, facts.AudioTracks));
            Assert.Equal(25, facts.FramesPerSecond!.Value, 2);
            Assert.InRange(facts.DurationSeconds!.Value, 9.9, 10.2);
            Assert.Equal(["Jitter skipped: this ffmpeg lacks vidstabdetect"], facts.Notes); // the analyzer's notes
        }

        var analyzer = new FakeAnalyzer();
        var again = await CliRun.RunAsync(NoEnv, ["analyze", "clip_blur.mp4", "--journal", journal], directory: _dir.Path, analyzer: analyzer);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(analyzer.Calls);
        Assert.Contains("; frames: 0 kept (0 KB), 0 reused, 0 not available", again.Error, StringComparison.Ordinal);
        Assert.Equal(frames.Select(f => Convert.ToBase64String(f.Bytes)), Frames(journal, key).Select(f => Convert.ToBase64String(f.Bytes)));
    }

    [Fact]
    public async Task No_frames_keeps_none_and_a_later_run_with_frames_adds_them_without_analysing_again()
    {
        Clip(_dir.File("clip_blur.mp4"));
        var journal = _dir.File("j.db");

        var off = await CliRun.RunAsync(NoEnv, ["analyze", "clip_blur.mp4", "--journal", journal, "--no-frames"], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Contains("; frames: off (--no-frames)", off.Error, StringComparison.Ordinal);
        Assert.Empty(Frames(journal, "clip_blur.mp4"));

        var analyzer = new FakeAnalyzer();
        var on = await CliRun.RunAsync(NoEnv, ["analyze", "clip_blur.mp4", "--journal", journal], directory: _dir.Path, analyzer: analyzer);

        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Empty(analyzer.Calls);
        Assert.Contains("; frames: 2 kept (", on.Error, StringComparison.Ordinal);
        Assert.Equal(2, Frames(journal, "clip_blur.mp4").Count(f => !f.IsMissing));
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_gets_no_frames_and_analysis_goes_on()
    {
        Clip(_dir.File("good.mp4"));
        File.WriteAllText(_dir.File("sound_blur.mp4"), "not a video"); // the scripted analyzer scores it; ffprobe cannot read it
        var journal = _dir.File("j.db");

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "good.mp4", "sound_blur.mp4", "--journal", journal], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Frames(journal, "good.mp4")); // the poster: no findings
        Assert.Empty(Frames(journal, "sound_blur.mp4"));
    }

    [Fact]
    public async Task The_frame_source_is_the_librarys_thumbnail_at_most_320_px_and_no_frame_without_ffmpeg_or_past_the_end()
    {
        // The command itself is pinned by LocalFrameExtractorTests.Thumbnail_Arguments_… (one code path with cosqe snapshot).
        Clip(_dir.File("clip.mp4"));
        var source = new FfmpegFrameSource("ffmpeg");

        var frame = await source.GetFrameAsync(_dir.File("clip.mp4"), 3.25, 320, CancellationToken.None);

        Assert.NotNull(frame);
        Assert.Equal(("image/jpeg", 320, 180), (frame.ContentType, frame.Width, frame.Height));
        Assert.InRange(frame.Bytes.Length, 1000, JournalFrames.MaxFrameBytes);
        Assert.Null(await source.GetFrameAsync(_dir.File("clip.mp4"), 60, 320, CancellationToken.None));
        Assert.Null(await new FfmpegFrameSource("/nonexistent/ffmpeg").GetFrameAsync(_dir.File("clip.mp4"), 1, 320, CancellationToken.None));
    }
}
