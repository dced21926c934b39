using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CosQualityEstimate.LocalAnalysis.Perceptual;
using OpenCvSharp;
using OpenCvSharp.Quality;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// Per-frame cost of the natural-scene-statistics models (and of the band energies behind the lost-energy estimate)
/// on one real gray frame, against OpenCV's BRISQUE
/// (OpenCvSharp4's <c>QualityBRISQUE</c>, the same model files) in the same run:
/// <list type="bullet">
/// <item><c>photo 1280x720</c>: mate-backgrounds' <c>nature/Storm.jpg</c> scaled to 1280 wide and cropped to 1280×720 — the analyzer's gray
/// frame of a 720p or larger video (<c>GrayFrameMaxWidth</c> 1280).</item>
/// <item><c>film 720x528</c>: a frame of opencv-doc's Megamind.avi at its own size — the gray frame of an SD clip.</item>
/// </list>
/// Needs the photographs (<c>tools/NiqeFit/fetch-photos.sh DIR</c>, <c>COSQE_PHOTOS=DIR</c>) and the real-footage corpus
/// (<c>COSQE_REAL_FOOTAGE</c>).
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class PerceptualBenchmarks
{
    private byte[] _pixels = null!;
    private int _width;
    private int _height;
    private Mat _mat = null!;
    private QualityBRISQUE _openCv = null!;
    private string _directory = null!;

    /// <summary>The frame measured.</summary>
    [Params("photo 1280x720", "film 720x528")]
    public string Frame { get; set; } = "photo 1280x720";

    [GlobalSetup]
    public void Setup()
    {
        string input;
        string filter;
        if (Frame.StartsWith("photo", StringComparison.Ordinal))
        {
            var photos = Environment.GetEnvironmentVariable("COSQE_PHOTOS") is { Length: > 0 } p
                ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cosqe-photos");
            input = Path.Combine(photos, "usr/share/backgrounds/mate/nature/Storm.jpg");
            (_width, _height, filter) = (1280, 720, "scale=1280:-2:flags=area,crop=1280:720");
        }
        else
        {
            var corpus = Environment.GetEnvironmentVariable("COSQE_REAL_FOOTAGE") is { Length: > 0 } c
                ? c
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cosqe-real-footage");
            input = Path.Combine(corpus, "Megamind.avi");
            (_width, _height, filter) = (720, 528, "null");
        }

        if (!File.Exists(input))
        {
            throw new InvalidOperationException($"{input} is missing: tools/NiqeFit/fetch-photos.sh / RealFootage/fetch-corpus.sh fetch it.");
        }

        _pixels = Decode(input, filter, _width * _height);
        _mat = Mat.FromPixelData(_height, _width, MatType.CV_8UC1, _pixels);
        _directory = Directory.CreateTempSubdirectory("cosqe-bench-nss-").FullName;
        var model = Path.Combine(_directory, "brisque_model_live.yml");
        var range = Path.Combine(_directory, "brisque_range_live.yml");
        File.WriteAllText(model, BrisqueModel.Resource("brisque_model_live.yml"));
        File.WriteAllText(range, BrisqueModel.Resource("brisque_range_live.yml"));
        _openCv = QualityBRISQUE.Create(model, range);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _openCv.Dispose();
        _mat.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "OpenCV QualityBRISQUE")]
    public double OpenCvBrisque() => _openCv.Compute(_mat).Val0;

    [Benchmark(Description = "C# Brisque.Score")]
    public double CSharpBrisque() => Brisque.Score(_pixels, _width, _height, _width);

    [Benchmark(Description = "C# Niqe.Score")]
    public double CSharpNiqe() => Niqe.Score(_pixels, _width, _height, _width);

    [Benchmark(Description = "C# BandEnergy.Measure")]
    public double CSharpBandEnergy() => BandEnergy.Measure(_pixels, _width, _height, _width)[0];

    private static byte[] Decode(string input, string filter, int expected)
    {
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // A video is read 4 s in; a photograph has one frame (a seek would skip it).
        string[] seek = input.EndsWith(".avi", StringComparison.Ordinal) ? ["-ss", "4"] : [];
        foreach (var a in new[] { "-v", "error", "-nostdin" }.Concat(seek).Concat(["-i", input, "-vf", filter, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"]))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        if (process.ExitCode != 0 || memory.Length != expected)
        {
            throw new InvalidOperationException($"ffmpeg gave {memory.Length} bytes, not {expected}: {stderr.Result}");
        }

        return memory.ToArray();
    }

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
