using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>Unreadable input and a missing ffmpeg are typed errors with a reason, never a crash.</summary>
[Collection(ClipsCollection.Name)]
public sealed class ErrorTests(TestClips clips)
{
    [Fact]
    public async Task Text_file_is_MediaUnreadable_with_ffmpegs_reason()
    {
        var path = Path.Combine(clips.Directory, "notes.mp4");
        await File.WriteAllTextAsync(path, "this is not a video\n");

        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path));

        Assert.Contains("Invalid data found when processing input", error.FfmpegReason, StringComparison.Ordinal);
        Assert.Contains("notes.mp4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_file_is_MediaUnreadable()
    {
        var path = Path.Combine(clips.Directory, "truncated.mp4");
        var bytes = await File.ReadAllBytesAsync(clips.Get("clean"));
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 3)]);

        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalVideoAnalyzer().AnalyzeAsync(path));

        Assert.False(string.IsNullOrEmpty(error.FfmpegReason));
    }

    [Fact]
    public async Task Missing_file_is_MediaUnreadable()
    {
        var error = await Assert.ThrowsAsync<MediaUnreadableException>(
            () => new LocalVideoAnalyzer().AnalyzeAsync(Path.Combine(clips.Directory, "nowhere.mp4")));

        Assert.Equal("no such file", error.FfmpegReason);
    }

    [Fact]
    public async Task FfmpegPath_pointing_nowhere_is_FfmpegNotFound_naming_how_to_install()
    {
        var options = new LocalAnalysisOptions { FfmpegPath = Path.Combine(clips.Directory, "no-such-dir", "ffmpeg") };

        var error = await Assert.ThrowsAsync<FfmpegNotFoundException>(() => new LocalVideoAnalyzer(options).AnalyzeAsync(clips.Get("clean")));

        Assert.Contains("apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("brew install ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.Contains("winget install ffmpeg", error.Message, StringComparison.Ordinal);
        Assert.False(await LocalVideoAnalyzer.IsFfmpegAvailableAsync(options));
    }

    [Fact]
    public async Task Path_without_ffmpeg_is_FfmpegNotFound()
    {
        var emptyDirectory = Directory.CreateDirectory(Path.Combine(clips.Directory, "empty-path")).FullName;
        var path = Environment.GetEnvironmentVariable("PATH");
        var variable = Environment.GetEnvironmentVariable(LocalAnalysisOptions.FfmpegPathVariableName);
        Environment.SetEnvironmentVariable("PATH", emptyDirectory);
        Environment.SetEnvironmentVariable(LocalAnalysisOptions.FfmpegPathVariableName, null);
        try
        {
            var error = await Assert.ThrowsAsync<FfmpegNotFoundException>(() => new LocalVideoAnalyzer().AnalyzeAsync(clips.Get("clean")));
            Assert.Contains("not found on PATH", error.Message, StringComparison.Ordinal);
            Assert.Contains("apt-get install ffmpeg", error.Message, StringComparison.Ordinal);
            Assert.False(await LocalVideoAnalyzer.IsFfmpegAvailableAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Environment.SetEnvironmentVariable(LocalAnalysisOptions.FfmpegPathVariableName, variable);
        }

        Assert.True(await LocalVideoAnalyzer.IsFfmpegAvailableAsync());
    }

    [Fact]
    public async Task Library_reads_no_CLI_named_variable()
    {
        // COSQE_FFMPEG belongs to the cosqe CLI, which maps it to LocalAnalysisOptions.FfmpegPath; the library reads only
        // its own COSQUALITYESTIMATE_FFMPEG, so a CLI variable naming a missing ffmpeg changes nothing here.
        var variable = Environment.GetEnvironmentVariable("COSQE_FFMPEG");
        Environment.SetEnvironmentVariable("COSQE_FFMPEG", Path.Combine(clips.Directory, "no-such-dir", "ffmpeg"));
        try
        {
            Assert.NotEqual("COSQE_FFMPEG", LocalAnalysisOptions.FfmpegPathVariableName);
            var result = await new LocalVideoAnalyzer().AnalyzeAsync(clips.Get("clean"));
            Assert.False(result.QualityEstimate.VqaPlus!.NoVideo); // analysed by the ffmpeg on PATH
        }
        finally
        {
            Environment.SetEnvironmentVariable("COSQE_FFMPEG", variable);
        }
    }

    [UnixFact]
    public async Task Ffmpeg_without_vidstab_drops_only_Jitter_with_a_note()
    {
        var realFfmpeg = FindOnPath("ffmpeg");
        var directory = Directory.CreateDirectory(Path.Combine(clips.Directory, "no-vidstab")).FullName;
        var script = Path.Combine(directory, "ffmpeg");
        // An ffmpeg whose -filters list lacks vidstabdetect (as when built without libvidstab); otherwise the real one.
        await File.WriteAllTextAsync(script,
            $"#!/bin/sh\nif [ \"$1\" = \"-filters\" ]; then \"{realFfmpeg}\" \"$@\" | grep -v vidstab; exit 0; fi\nexec \"{realFfmpeg}\" \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            return; // unreachable: UnixFact skips on Windows
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(directory, "ffprobe"), FindOnPath("ffprobe"));

        var result = await new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = script }).AnalyzeAsync(clips.Get("jitter"));

        Assert.Contains(result.Notes, n => n.Contains("Jitter not checked", StringComparison.Ordinal));
        Assert.DoesNotContain(result.QualityEstimate.VqaPlus!.DetailedResults, r => r.Type == Models.QualityIssueType.Jitter);
    }

    [UnixFact]
    public async Task A_slice_header_trace_that_fails_the_command_is_dropped_and_the_file_scored_without_a_qp()
    {
        var realFfmpeg = FindOnPath("ffmpeg");
        var directory = Directory.CreateDirectory(Path.Combine(clips.Directory, "strict-bsf")).FullName;
        var script = Path.Combine(directory, "ffmpeg");
        var calls = Path.Combine(directory, "calls");
        // An ffmpeg whose trace_headers refuses the stream's parameter sets at init (as cbs does for an SPS the decoder
        // still reads: it prints this line and exits 1); every other command is the real ffmpeg.
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\ncase \"$*\" in *trace_headers*) echo trace >> \"" + calls + "\"; " +
            "echo '[trace_headers @ 0x55d0c0ffee00] [error] Failed to read extradata.' >&2; " +
            "echo '[error] Error initializing bitstream filter: trace_headers' >&2; exit 1;; esac\n" +
            $"exec \"{realFfmpeg}\" \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            return; // unreachable: UnixFact skips on Windows
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(directory, "ffprobe"), FindOnPath("ffprobe"));

        var result = await new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = script }).AnalyzeAsync(clips.Get("clean"));

        Assert.Single(File.ReadAllLines(calls)); // the trace was tried once, then the analysis ran without it
        Assert.False(result.QualityEstimate.VqaPlus!.NoVideo);
        var breakdown = result.Breakdown!;
        Assert.Null(breakdown.QuantizationParameter);
        Assert.Contains("no-qp", breakdown.Model, StringComparison.Ordinal);

        // The same clip with the real ffmpeg reads its QP (the clip is H.264: the fallback above is what changed).
        var normal = await new LocalVideoAnalyzer().AnalyzeAsync(clips.Get("clean"));
        Assert.NotNull(normal.Breakdown!.QuantizationParameter);
        Assert.DoesNotContain("no-qp", normal.Breakdown.Model, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Cancellation_kills_ffmpeg_and_throws_OperationCanceled()
    {
        var clip = clips.Get("long");
        using var cancellation = new CancellationTokenSource();
        var analysis = new LocalVideoAnalyzer().AnalyzeAsync(clip, cancellation.Token);
        // Cancel once ffmpeg runs on the clip (its command line names the file), not after a guessed delay.
        while (!analysis.IsCompleted && !RunningProcesses.Naming(clip).Any())
        {
            await Task.Yield();
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analysis);
        Assert.Empty(RunningProcesses.Naming(clip));
    }


    private static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name))
            .First(File.Exists);
}
