using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// What the decoder's frame QP costs the analysis (issue 22, <c>nss-prior-2</c>): the analysis graph's one ffmpeg pass
/// exactly as <see cref="LocalVideoAnalyzer"/> runs it (<see cref="AnalysisGraph"/>, its stdout of gray frames read
/// and dropped) with and without the two additions for the QP (<c>-export_side_data venc_params</c> and the
/// statistics branch's <c>showinfo=checksum=0</c>), against the baseline of plain decoding (<c>ffmpeg -i clip -f null -</c>),
/// in the same run, on a 30 s 1280x720 25 fps H.264 clip of a photograph filmed with a pan (Debian's
/// <c>mate-backgrounds</c>, <c>nature/Storm.jpg</c>; as <see cref="LocalAnalysisBenchmarks"/>'s harder case).
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class QuantizerCostBenchmarks
{
    private string _directory = null!;
    private string _clip = null!;
    private string[] _withQp = null!;
    private string[] _withoutQp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("cosqe-bench-qp-").FullName;
        _clip = Path.Combine(_directory, "pan-720p.mp4");
        var photos = Environment.GetEnvironmentVariable("COSQE_PHOTOS") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cosqe-photos");
        var photograph = File.Exists(LocalAnalysisBenchmarks.Photograph)
            ? LocalAnalysisBenchmarks.Photograph
            : Path.Combine(photos, LocalAnalysisBenchmarks.Photograph.TrimStart('/'));
        var seconds = LocalAnalysisBenchmarks.ClipSeconds.ToString(CultureInfo.InvariantCulture);
        Run(_directory,
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-loop", "1", "-framerate", "25", "-i", photograph,
            "-vf", $"scale=2400:-2,crop=1280:720:x='(iw-1280)*t/{seconds}':y='(ih-720)/2+40*sin(t)',format=yuv420p",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "50", "-t", seconds, _clip,
        ]);
        var probe = MediaProbe.RunAsync("ffprobe", _clip, _clip, CancellationToken.None).GetAwaiter().GetResult();
        var graph = AnalysisGraph.Build(probe, _clip, new LocalAnalysisThresholds(), withMotion: true);
        _withQp = [.. graph.Arguments];
        var without = _withQp.ToList();
        var at = without.IndexOf("-export_side_data");
        without.RemoveRange(at, 2);
        var filters = without.IndexOf("-filter_complex") + 1;
        without[filters] = without[filters].Replace(",showinfo=checksum=0", "", StringComparison.Ordinal);
        _withoutQp = [.. without];
        if (_withoutQp.Length != _withQp.Length - 2 || _withoutQp[filters].Contains("showinfo", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the graph's QP additions were not found");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "ffmpeg -i clip -f null - (plain decode)")]
    public void PlainDecode() => Run(_directory, ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", _clip, "-f", "null", "-"]);

    [Benchmark(Description = "analysis graph without QP")]
    public void GraphWithoutQp() => Run(_directory, _withoutQp);

    [Benchmark(Description = "analysis graph with QP (venc_params + showinfo)")]
    public void GraphWithQp() => Run(_directory, _withQp);

    private static void Run(string directory, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("ffmpeg")
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var stderr = process.StandardError.ReadToEndAsync();
        Task.WaitAll(stdout, stderr);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + stderr.Result[^Math.Min(2000, stderr.Result.Length)..]);
        }
    }
}
