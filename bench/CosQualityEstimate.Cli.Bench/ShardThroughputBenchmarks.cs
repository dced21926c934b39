using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CosQualityEstimate.Cli;

namespace CosQualityEstimate.Cli.Bench;

/// <summary>
/// Local analysis throughput of <c>cosqe analyze &lt;dir&gt; --shard K/N --journal part-K.db --concurrency 1</c> with N = 1
/// and N = 2 shards on one machine, the shards running at the same time (as N pods or N array tasks would). The catalog
/// is <see cref="Clips"/> generated 640x360, 25 fps, <see cref="ClipSeconds"/> s H.264 + AAC clips (testsrc2 with a tone;
/// ffmpeg must be on PATH). Each iteration starts from empty journals. Videos per second = <see cref="Clips"/> / Mean;
/// media seconds per wall second = <see cref="Clips"/> × <see cref="ClipSeconds"/> / Mean.
/// </summary>
/// <remarks>In process (the CLI's entry point, once per shard, concurrently): the time is spent in ffmpeg either way.</remarks>
[Config(typeof(MonitoringConfig))]
public class ShardThroughputBenchmarks
{
    /// <summary>Clips in the catalog.</summary>
    public const int Clips = 6;

    /// <summary>Length of each clip in seconds.</summary>
    public const int ClipSeconds = 8;

    private string _directory = null!;

    /// <summary>Number of shards run at once, each with <c>--concurrency 1</c>.</summary>
    [Params(1, 2)]
    public int Shards { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("cosqe-bench-shards-").FullName;
        var catalog = Directory.CreateDirectory(Path.Combine(_directory, "catalog")).FullName;
        var seconds = ClipSeconds.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < Clips; i++)
        {
            RunFfmpeg(
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc2=size=640x360:rate=25:duration={seconds}",
                "-f", "lavfi", "-i", $"sine=frequency={440 + (i * 40)}:sample_rate=48000:duration={seconds}",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k",
                "-t", seconds, Path.Combine(catalog, $"clip{i:00}.mp4"));
        }
    }

    [IterationSetup]
    public void EmptyJournals()
    {
        foreach (var file in Directory.EnumerateFiles(_directory, "part-*"))
        {
            File.Delete(file);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "cosqe analyze catalog --shard K/N --concurrency 1, N shards at once")]
    public int AnalyzeSharded()
    {
        var runs = Enumerable.Range(0, Shards).Select(k => Task.Run(() => CliApp.RunAsync(
            ["analyze", "catalog", "--shard", $"{k}/{Shards}", "--journal", $"part-{k}.db", "--concurrency", "1"],
            new CliHost { Out = TextWriter.Null, Error = TextWriter.Null, GetEnvironmentVariable = Environment.GetEnvironmentVariable, CurrentDirectory = _directory }))).ToArray();
        var codes = Task.WhenAll(runs).GetAwaiter().GetResult();
        return codes.All(c => c == 0) ? codes.Length : throw new InvalidOperationException("a shard failed: exit " + string.Join(',', codes));
    }

    private sealed class MonitoringConfig : ManualConfig
    {
        public MonitoringConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
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
