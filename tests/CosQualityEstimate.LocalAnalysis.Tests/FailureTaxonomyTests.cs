using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>
/// Issue 17 §2: one failure taxonomy, each class driven through the REAL analyzer (real ffmpeg, or a shell script in
/// its place that passes the version/filter checks to the real one and then misbehaves).
/// </summary>
[Collection(ClipsCollection.Name)]
public sealed class FailureTaxonomyTests(TestClips clips)
{
    [Fact]
    public async Task Not_a_video_is_MediaUnreadable_and_permanent()
    {
        var path = Path.Combine(clips.Directory, "taxonomy-text.mp4");
        await File.WriteAllTextAsync(path, "plain text, not a video\n");

        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path));

        Assert.Equal(LocalAnalysisFailure.MediaUnreadable, error.Failure);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Empty_file_is_MediaUnreadable_without_running_ffmpeg_on_it()
    {
        var path = Path.Combine(clips.Directory, "taxonomy-empty.mp4");
        await File.WriteAllBytesAsync(path, []);

        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path));

        Assert.Equal(LocalAnalysisFailure.MediaUnreadable, error.Failure);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_path_is_MediaAccess_and_retryable()
    {
        var path = Directory.CreateDirectory(Path.Combine(clips.Directory, "taxonomy-dir.mp4")).FullName;

        var error = await Assert.ThrowsAsync<MediaAccessException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path));

        Assert.Equal(LocalAnalysisFailure.MediaAccess, error.Failure);
        Assert.True(error.IsRetryable);
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Fifo_is_refused_at_once_instead_of_waiting_for_a_writer()
    {
        var path = Path.Combine(clips.Directory, "taxonomy-fifo.mp4");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until a writer comes; the analyzer must not open it.
        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task File_without_read_permission_is_MediaAccess()
    {
        var path = Path.Combine(clips.Directory, "taxonomy-locked.mp4");
        File.Copy(clips.Get("clean"), path, overwrite: true);
        var options = new LocalAnalysisOptions();
        if (Environment.UserName == "root")
        {
            // root reads any file: the permission error comes from ffprobe as it would for another user.
            options.FfmpegPath = FakeTools.Create(clips.Directory, "tools-denied",
                ffprobeScript: "case \"$*\" in *-version*) exec \"$REAL\" \"$@\";; esac\necho \"$8: Permission denied\" >&2\nexit 1");
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        var error = await Assert.ThrowsAsync<MediaAccessException>(() => new LocalVideoAnalyzer(options).AnalyzeAsync(path));

        Assert.Equal(LocalAnalysisFailure.MediaAccess, error.Failure);
        Assert.True(error.IsRetryable);
    }

    [UnixFact]
    public async Task Ffmpeg_too_old_is_FfmpegUnavailable()
    {
        var ffmpeg = FakeTools.Create(clips.Directory, "tools-old",
            ffmpegScript: "if [ \"$1\" = \"-filters\" ]; then echo 'ffmpeg version 4.4.2-0+deb11u1 Copyright (c) 2000-2021 the FFmpeg developers' >&2; exec \"$REAL\" -hide_banner -filters; fi\nexec \"$REAL\" \"$@\"");

        var error = await Assert.ThrowsAsync<FfmpegNotFoundException>(
            () => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = ffmpeg }).AnalyzeAsync(clips.Get("clean")));

        Assert.Equal(LocalAnalysisFailure.FfmpegUnavailable, error.Failure);
        Assert.True(error.IsRetryable);
        Assert.Contains("too old", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task A_broken_ffprobe_is_FfmpegUnavailable_not_a_verdict_on_the_file()
    {
        // ffprobe answers nothing, not even -version: a tools problem, reported before anything about the file.
        var ffmpeg = FakeTools.Create(clips.Directory, "tools-broken-ffprobe",
            ffprobeScript: "echo 'error while loading shared libraries: libavdevice.so.59' >&2\nexit 127");

        var error = await Assert.ThrowsAsync<FfmpegNotFoundException>(
            () => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = ffmpeg }).AnalyzeAsync(clips.Get("clean")));

        Assert.Equal(LocalAnalysisFailure.FfmpegUnavailable, error.Failure);
        Assert.Contains("-version failed", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Ffmpeg_crashing_is_an_AnalyzerFailure_never_MediaUnreadable()
    {
        // Answers -version and -filters like the real one, then dies of SIGSEGV when asked to analyse.
        var ffmpeg = FakeTools.Create(clips.Directory, "tools-crash",
            ffmpegScript: "case \"$1\" in -version|-filters) exec \"$REAL\" \"$@\";; esac\nkill -SEGV $$");

        var error = await Assert.ThrowsAsync<LocalAnalysisException>(
            () => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = ffmpeg }).AnalyzeAsync(clips.Get("clean")));

        Assert.IsType<LocalAnalysisException>(error); // the base type: not MediaUnreadable, not MediaAccess
        Assert.Equal(LocalAnalysisFailure.AnalyzerFailure, error.Failure);
        Assert.True(error.IsRetryable);
        Assert.Contains("crashed", error.Message, StringComparison.Ordinal);
    }

    [UnixTheory]
    [InlineData("[Parsed_vidstabdetect_3 @ 0x55d0] Error initializing complex filters.")]
    [InlineData("Error initializing complex filters.")]
    [InlineData("[out#0/rawvideo @ 0x55d0] Error writing trailer: No space left on device")]
    [InlineData("[h264 @ 0x55d0] Cannot allocate memory")]
    public async Task Analysis_pass_failing_after_a_good_probe_is_an_AnalyzerFailure_not_MediaUnreadable(string line)
    {
        // ffprobe (real) reads the file; the analysis pass then fails for a reason that is not the file's.
        var ffmpeg = FakeTools.Create(clips.Directory, "tools-graph-" + Math.Abs(line.GetHashCode(StringComparison.Ordinal)),
            ffmpegScript: "case \"$1\" in -version|-filters) exec \"$REAL\" \"$@\";; esac\necho '" + line + "' >&2\nexit 1");

        var error = await Assert.ThrowsAsync<LocalAnalysisException>(
            () => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = ffmpeg }).AnalyzeAsync(clips.Get("clean")));

        Assert.IsType<LocalAnalysisException>(error);
        Assert.Equal(LocalAnalysisFailure.AnalyzerFailure, error.Failure);
        Assert.True(error.IsRetryable);
    }

    [UnixTheory]
    [InlineData("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0] moov atom not found")]
    [InlineData("input: Invalid data found when processing input")]
    [InlineData("Error while decoding stream #0:0: Invalid data found when processing input")]
    public async Task Analysis_pass_failing_on_the_input_bytes_stays_MediaUnreadable(string line)
    {
        var ffmpeg = FakeTools.Create(clips.Directory, "tools-input-" + Math.Abs(line.GetHashCode(StringComparison.Ordinal)),
            ffmpegScript: "case \"$1\" in -version|-filters) exec \"$REAL\" \"$@\";; esac\necho '" + line + "' >&2\nexit 1");

        var error = await Assert.ThrowsAsync<MediaUnreadableException>(
            () => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = ffmpeg }).AnalyzeAsync(clips.Get("clean")));

        Assert.False(error.IsRetryable);
    }

    [UnixFact]
    public async Task Ffprobe_printing_garbage_is_an_AnalyzerFailure()
    {
        var ffmpeg = FakeTools.Create(clips.Directory, "tools-garbage",
            ffprobeScript: "case \"$*\" in *-version*) exec \"$REAL\" \"$@\";; esac\necho '<<< not json >>>'\nexit 0");

        var error = await Assert.ThrowsAsync<LocalAnalysisException>(
            () => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = ffmpeg }).AnalyzeAsync(clips.Get("clean")));

        Assert.IsType<LocalAnalysisException>(error);
        Assert.Equal(LocalAnalysisFailure.AnalyzerFailure, error.Failure);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void Every_failure_kind_has_one_exception_type()
    {
        Assert.Equal(LocalAnalysisFailure.AnalyzerFailure, new LocalAnalysisException("x").Failure);
        Assert.Equal(LocalAnalysisFailure.MediaUnreadable, new MediaUnreadableException("x").Failure);
        Assert.Equal(LocalAnalysisFailure.MediaAccess, new MediaAccessException("x").Failure);
        Assert.Equal(LocalAnalysisFailure.FfmpegUnavailable, new FfmpegNotFoundException().Failure);
        Assert.Equal(
            [LocalAnalysisFailure.AnalyzerFailure, LocalAnalysisFailure.MediaUnreadable, LocalAnalysisFailure.MediaAccess, LocalAnalysisFailure.FfmpegUnavailable],
            Enum.GetValues<LocalAnalysisFailure>());
    }
}
