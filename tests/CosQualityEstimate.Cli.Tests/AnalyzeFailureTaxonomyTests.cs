using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Issue 17 §2: <c>cosqe analyze</c> gives each <see cref="LocalAnalysisFailure"/> its own code, and a journal rerun
/// retries exactly the retryable ones (FileUnreadable, AnalysisFailed), never MediaUnreadable. The crash case runs the
/// REAL analyzer with an ffmpeg that crashes.
/// </summary>
public sealed class AnalyzeFailureTaxonomyTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Fails each file by its name's prefix (bad = not a video, locked = unreadable, bug = analyzer failure) while
    /// <see cref="Failing"/> is true; otherwise a clean result.</summary>
    private sealed class TaxonomyAnalyzer : LocalVideoAnalyzer
    {
        public List<string> Calls { get; } = [];

        public bool Failing { get; init; } = true;

        public override Task<LocalAnalysisResult> AnalyzeAsync(string path, CancellationToken cancellationToken = default)
        {
            lock (Calls)
            {
                Calls.Add(Path.GetFileName(path));
            }

            var name = Path.GetFileName(path);
            if (name.StartsWith("bad", StringComparison.Ordinal))
            {
                throw new MediaUnreadableException("not a video") { FfmpegReason = "Invalid data found when processing input" };
            }

            if (Failing && name.StartsWith("locked", StringComparison.Ordinal))
            {
                throw new MediaAccessException($"'{name}' could not be read: Permission denied");
            }

            if (Failing && name.StartsWith("bug", StringComparison.Ordinal))
            {
                throw new LocalAnalysisException($"'{name}' could not be analysed: ffmpeg crashed (exit code 139)");
            }

            return Task.FromResult(new LocalAnalysisResult
            {
                QualityEstimate = Jobs.CosQualityEstimateModelFactory.QualityEstimate(
                    10, Jobs.CosQualityEstimateModelFactory.VqaPlusResult(false, false, []), null, Models.QualityEstimateSource.LocalAnalysis, "local-analysis"),
                DurationSeconds = 4,
                AnalysisTime = TimeSpan.FromSeconds(1),
            });
        }
    }

    [Fact]
    public async Task Each_failure_kind_has_its_own_code_and_a_rerun_retries_exactly_the_retryable_ones()
    {
        foreach (var name in new[] { "bad.mp4", "locked.mp4", "bug.mp4", "good.mp4" })
        {
            File.WriteAllText(_dir.File(name), "bytes");
        }

        var journal = _dir.File("j.db");
        var first = await CliRun.RunAsync(NoEnv, ["analyze", ".", "--journal", journal], directory: _dir.Path, analyzer: new TaxonomyAnalyzer());
        var second = new TaxonomyAnalyzer { Failing = false };
        var rerun = await CliRun.RunAsync(NoEnv, ["analyze", ".", "--journal", journal], directory: _dir.Path, analyzer: second);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("bad.mp4 [MediaUnreadable]: ", first.Error, StringComparison.Ordinal);
        Assert.Contains("locked.mp4 [FileUnreadable]: ", first.Error, StringComparison.Ordinal);
        Assert.Contains("bug.mp4 [AnalysisFailed]: ", first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bug.mp4 [MediaUnreadable]", first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not analysed", first.Out, StringComparison.Ordinal);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(["bug.mp4", "locked.mp4"], second.Calls.Order(StringComparer.Ordinal));
        var csv = await CliRun.RunAsync(NoEnv, ["export", "--journal", journal, "--format", "csv"]);
        Assert.Contains("MediaUnreadable", csv.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("AnalysisFailed", csv.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FileUnreadable", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_follow_the_taxonomy()
    {
        Assert.Equal("MediaUnreadable", Analysis.AnalysisOutcome.CodeFor(LocalAnalysisFailure.MediaUnreadable));
        Assert.Equal("FileUnreadable", Analysis.AnalysisOutcome.CodeFor(LocalAnalysisFailure.MediaAccess));
        Assert.Equal("AnalysisFailed", Analysis.AnalysisOutcome.CodeFor(LocalAnalysisFailure.AnalyzerFailure));
        Assert.False(Analysis.AnalysisOutcome.IsRetryableCode("MediaUnreadable"));
        Assert.True(Analysis.AnalysisOutcome.IsRetryableCode("FileUnreadable"));
        Assert.True(Analysis.AnalysisOutcome.IsRetryableCode("AnalysisFailed"));
        Assert.False(Analysis.AnalysisOutcome.IsRetryableCode(null));
    }

    [Fact]
    public async Task A_crashing_ffmpeg_is_AnalysisFailed_through_the_real_analyzer()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // a POSIX shell script stands in for ffmpeg
        }

        var real = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "ffmpeg")).First(File.Exists);
        var tools = Directory.CreateDirectory(_dir.File("tools")).FullName;
        var script = Path.Combine(tools, "ffmpeg");
        File.WriteAllText(script, $"#!/bin/sh\ncase \"$1\" in -version|-filters) exec \"{real}\" \"$@\";; esac\nkill -SEGV $$\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(tools, "ffprobe"), Path.Combine(Path.GetDirectoryName(real)!, "ffprobe"));
        var clip = _dir.File("clip.mp4");
        FfmpegClips.Run(
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip);
        var env = new Dictionary<string, string?> { ["COSQE_FFMPEG"] = script };

        var result = await CliRun.RunAsync(env, ["analyze", "clip.mp4"], directory: _dir.Path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("cosqe: cannot analyse clip.mp4 [AnalysisFailed]: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("clip.mp4", result.Out, StringComparison.Ordinal);
        Assert.Contains("crashed", line, StringComparison.Ordinal);
    }
}
