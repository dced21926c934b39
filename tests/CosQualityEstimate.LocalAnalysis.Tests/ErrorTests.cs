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
        // An ffmpeg whose trace_headers refuses the stream's parameter sets at init (as cbs does for an SPS the decoder
        // still reads: ffmpeg 5.1 prints this line and exits 1); every other command is the real ffmpeg.
        var (script, calls) = await FakeAnalysisFfmpegAsync("strict-bsf",
            "case \"$*\" in *trace_headers*) echo '[error] Error initializing bitstream filter: trace_headers' >&2; exit 1;; esac");

        var result = await new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = script }).AnalyzeAsync(clips.Get("clean"));

        // Two analysis runs: the first with the trace (refused), the second without it.
        Assert.Equal(["trace", "plain"], File.ReadAllLines(calls));
        Assert.False(result.QualityEstimate.VqaPlus!.NoVideo);
        var breakdown = result.Breakdown!;
        Assert.Null(breakdown.QuantizationParameter);
        Assert.Contains("no-qp", breakdown.Model, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.StartsWith("Quantizer not read: ffmpeg's trace_headers filter refused", StringComparison.Ordinal));

        // The same clip with the real ffmpeg reads its QP (the clip is H.264: the fallback above is what changed).
        var normal = await new LocalVideoAnalyzer().AnalyzeAsync(clips.Get("clean"));
        Assert.NotNull(normal.Breakdown!.QuantizationParameter);
        Assert.DoesNotContain("no-qp", normal.Breakdown.Model, StringComparison.Ordinal);
        Assert.DoesNotContain(normal.Notes, n => n.StartsWith("Quantizer not read", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task A_failure_that_does_not_name_the_trace_is_reported_after_one_run()
    {
        // An ffmpeg whose analysis command fails as on an unreadable input, not because of the bitstream filter.
        var (script, calls) = await FakeAnalysisFfmpegAsync("failing-input",
            "case \"$*\" in *filter_complex*) echo '[error] Error while decoding stream #0:0: Invalid data found when processing input' >&2; exit 1;; esac");

        await Assert.ThrowsAnyAsync<LocalAnalysisException>(() => new LocalVideoAnalyzer(new LocalAnalysisOptions { FfmpegPath = script }).AnalyzeAsync(clips.Get("clean")));

        Assert.Equal(["trace"], File.ReadAllLines(calls)); // not run again without the trace
    }

    /// <summary>
    /// A fake ffmpeg in its own folder (with the real ffprobe beside it): it appends "trace" or "plain" to the returned
    /// calls file for each analysis command (the one with -filter_complex), runs <paramref name="failure"/> (a shell
    /// statement that may exit), and otherwise is the real ffmpeg.
    /// </summary>
    private async Task<(string Script, string Calls)> FakeAnalysisFfmpegAsync(string name, string failure)
    {
        var realFfmpeg = FindOnPath("ffmpeg");
        var directory = Directory.CreateDirectory(Path.Combine(clips.Directory, name)).FullName;
        var script = Path.Combine(directory, "ffmpeg");
        var calls = Path.Combine(directory, "calls");
        File.Delete(calls);
        await File.WriteAllTextAsync(script,
            "#!/bin/sh\n" +
            "case \"$*\" in *filter_complex*trace_headers*) echo trace >> \"" + calls + "\";; *filter_complex*) echo plain >> \"" + calls + "\";; esac\n" +
            failure + "\n" +
            $"exec \"{realFfmpeg}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var ffprobe = Path.Combine(directory, "ffprobe");
        if (!File.Exists(ffprobe))
        {
            File.CreateSymbolicLink(ffprobe, FindOnPath("ffprobe"));
        }

        return (script, calls);
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
