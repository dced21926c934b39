using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// Local analysis of a generated 1280x720, 25 fps, 30 s H.264 + AAC clip (testsrc2 with a 440 Hz tone; ffmpeg must be
/// on PATH) against the baseline of plain decoding the same file (<c>ffmpeg -i clip -f null -</c>), in the same run.
/// The goals: analysis at 3× real time or more (30 s of video in 10 s or less) and at least 0.25× the plain
/// decode's speed (Ratio ≤ 4). Real time factor = 30 s / Mean.
/// </summary>
/// <remarks>In process: the time is spent in ffmpeg either way, and a generated benchmark project can take longer than
/// BenchmarkDotNet's build timeout on a busy 2-core machine.</remarks>
[Config(typeof(InProcessMonitoringConfig))]
public class LocalAnalysisBenchmarks
{
    /// <summary>Length of the generated clip in seconds.</summary>
    public const int ClipSeconds = 30;

    private string _directory = null!;
    private string _clip = null!;
    private LocalVideoAnalyzer _analyzer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("cosqe-bench-la-").FullName;
        _clip = Path.Combine(_directory, "clip-720p.mp4");
        var seconds = ClipSeconds.ToString(CultureInfo.InvariantCulture);
        RunFfmpeg(
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate=25:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
            "-t", seconds, _clip);
        _analyzer = new LocalVideoAnalyzer();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "ffmpeg -i clip -f null - (plain decode)")]
    public void PlainDecode() => RunFfmpeg("-hide_banner", "-nostdin", "-loglevel", "error", "-i", _clip, "-f", "null", "-");

    [Benchmark(Description = "LocalVideoAnalyzer.AnalyzeAsync")]
    public double Analyze() => _analyzer.AnalyzeAsync(_clip).GetAwaiter().GetResult().QualityEstimate.Score ?? -1;

    private sealed class InProcessMonitoringConfig : ManualConfig
    {
        public InProcessMonitoringConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithToolchain(InProcessEmitToolchain.Instance));
        }
    }

    private static void RunFfmpeg(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + error);
        }
    }
}
