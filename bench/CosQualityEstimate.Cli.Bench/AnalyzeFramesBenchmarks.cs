using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CosQualityEstimate.Cli;

namespace CosQualityEstimate.Cli.Bench;

/// <summary>
/// The cost of keeping frames in <c>cosqe analyze --journal</c> (issue 25): one small real clip (<see cref="ClipName"/>
/// from <c>COSQE_REAL_FOOTAGE</c>: 15.2 s, 640x480 H.264, seven HighVoice findings, so a poster and seven finding frames)
/// analysed with <c>--no-frames</c> (the baseline: analysis, journal and the one ffprobe of the file's facts) and with
/// frames (plus one bounded ffmpeg seek per frame), in the same run. Each iteration starts from an empty journal.
/// </summary>
[Config(typeof(MonitoringConfig))]
public class AnalyzeFramesBenchmarks
{
    /// <summary>The clip of the real-footage corpus analysed.</summary>
    public const string ClipName = "box.mp4";

    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Environment.GetEnvironmentVariable("COSQE_REAL_FOOTAGE")
            ?? throw new InvalidOperationException("set COSQE_REAL_FOOTAGE to the real-footage corpus (docs/performance.md)");
        _directory = Directory.CreateTempSubdirectory("cosqe-bench-frames-").FullName;
        File.Copy(Path.Combine(corpus, ClipName), Path.Combine(_directory, ClipName));
    }

    [IterationSetup]
    public void EmptyJournal()
    {
        foreach (var file in Directory.EnumerateFiles(_directory, "j.db*"))
        {
            File.Delete(file);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "analyze box.mp4 --journal --no-frames")]
    public int WithoutFrames() => Run("--no-frames");

    [Benchmark(Description = "analyze box.mp4 --journal (poster + 7 finding frames)")]
    public int WithFrames() => Run();

    private int Run(params string[] extra)
    {
        var code = CliApp.RunAsync(
            ["analyze", ClipName, "--journal", "j.db", "--concurrency", "1", .. extra],
            new CliHost { Out = TextWriter.Null, Error = TextWriter.Null, GetEnvironmentVariable = Environment.GetEnvironmentVariable, CurrentDirectory = _directory }).GetAwaiter().GetResult();
        return code == 0 ? code : throw new InvalidOperationException("analyze failed: exit " + code);
    }

    private sealed class MonitoringConfig : ManualConfig
    {
        public MonitoringConfig()
        {
            AddJob(Job.ShortRun
                .WithStrategy(RunStrategy.Monitoring)
                .WithToolchain(InProcessEmitToolchain.Instance));
        }
    }
}
