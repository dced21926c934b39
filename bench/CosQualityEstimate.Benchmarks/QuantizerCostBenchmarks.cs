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
/// What the frame QP costs the analysis (issue 22): the analysis graph's one ffmpeg pass exactly as
/// <see cref="LocalVideoAnalyzer"/> runs it (<see cref="AnalysisGraph"/>; its stdout of gray frames read and dropped, its
/// log read line by line into a <see cref="DecoderLog"/> as the analyzer does) in three forms — without any QP reading;
/// with the slice-header QP of <c>nss-prior-3</c> (the stream-copy output through <c>trace_headers</c>, what the
/// analyzer runs now); with the PPS-initial QP of <c>nss-prior-2</c> (<c>-export_side_data venc_params</c> and
/// <c>showinfo=checksum=0</c> on the statistics branch) — against the baseline of plain decoding
/// (<c>ffmpeg -i clip -f null -</c>), in the same run, on a 30 s 1280x720 25 fps H.264 clip of a photograph filmed with
/// a pan (Debian's <c>mate-backgrounds</c>, <c>nature/Storm.jpg</c>; as <see cref="LocalAnalysisBenchmarks"/>'s harder case).
/// </summary>
[Config(typeof(InProcessMonitoringConfig))]
public class QuantizerCostBenchmarks
{
    private static readonly string[] Trace = ["-map", "0:v:0", "-c:v", "copy", "-bsf:v", "trace_headers", "-f", "null", "-"];

    private string _directory = null!;
    private string _clip = null!;
    private string[] _sliceQp = null!;
    private string[] _withoutQp = null!;
    private string[] _initQp = null!;

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
        _sliceQp = [.. graph.Arguments];
        var without = _sliceQp.ToList();
        var at = IndexOf(without, Trace);
        if (at < 0)
        {
            throw new InvalidOperationException("the graph's trace_headers output was not found");
        }

        without.RemoveRange(at, Trace.Length);
        _withoutQp = [.. without];
        var init = without.ToList();
        init.InsertRange(init.IndexOf("-i"), ["-export_side_data", "venc_params"]);
        var filters = init.IndexOf("-filter_complex") + 1;
        var step = $"[vs]framestep={graph.StatisticsFrameStep},";
        if (!init[filters].Contains(step, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the statistics branch was not found");
        }

        init[filters] = init[filters].Replace(step, step + "showinfo=checksum=0,", StringComparison.Ordinal);
        _initQp = [.. init];
    }

    private static int IndexOf(List<string> list, string[] part)
    {
        for (var i = 0; i + part.Length <= list.Count; i++)
        {
            if (list.Skip(i).Take(part.Length).SequenceEqual(part))
            {
                return i;
            }
        }

        return -1;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, Description = "ffmpeg -i clip -f null - (plain decode)")]
    public void PlainDecode() => Run(_directory, ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", _clip, "-f", "null", "-"]);

    [Benchmark(Description = "analysis graph without QP")]
    public void GraphWithoutQp() => Run(_directory, _withoutQp);

    [Benchmark(Description = "analysis graph with slice QP (stream copy + trace_headers; nss-prior-3)")]
    public void GraphWithSliceQp() => Run(_directory, _sliceQp);

    [Benchmark(Description = "analysis graph with PPS-initial QP (venc_params + showinfo; nss-prior-2)")]
    public void GraphWithInitQp() => Run(_directory, _initQp);

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
        var log = new DecoderLog("h264", 1 / 12800.0);
        var stderr = Task.Run(() =>
        {
            while (process.StandardError.ReadLine() is { } line)
            {
                log.Add(line); // as the analyzer reads its log: line by line, running sums only
            }
        });
        Task.WaitAll(stdout, stderr);
        process.WaitForExit();
        log.Complete();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + string.Join("\n", log.LastLines));
        }
    }
}
