using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.LocalAnalysis.Perceptual;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--frame-costs OUT.txt CLIP...</c>: where the frame worker's CPU goes, and every value it produces.
/// For each clip the gray frames the analysis graph would write (<see cref="FrameWorker.FramesPerSecond"/> a second,
/// at most <see cref="AnalysisPlan.GrayFrameMaxWidth"/> wide) are decoded once, then each measurement runs alone over
/// all of them, one thread, and its process CPU time is printed (seconds, summed over the frames). Then
/// <see cref="LocalVideoAnalyzer.AnalyzeAsync"/> runs on the clip. Every per-frame value (round-trip precision) and the
/// whole result (JSON, without the wall-clock analysis time) go to OUT.txt: two builds whose OUT.txt files are equal
/// give the same values. A diagnosis tool beside the BenchmarkDotNet rows, not a replacement for them.
/// </summary>
internal static class FrameCostProbe
{
    internal static async Task<int> RunAsync(string output, IReadOnlyList<string> clips)
    {
        var thresholds = new LocalAnalysisThresholds();
        var values = new StringBuilder();
        var totals = new Dictionary<string, double>();
        foreach (var clip in clips)
        {
            var (width, height, frames) = Decode(clip, thresholds.Plan.GrayFrameMaxWidth);
            Console.WriteLine(Invariant($"{Path.GetFileName(clip)}: {frames.Count} gray frames {width}x{height}"));
            var reader = new CodeReader();
            ClipTotals.Clear();
            var bars = new UniformBars[frames.Count];
            Time("bars", totals, () =>
            {
                for (var i = 0; i < frames.Count; i++)
                {
                    bars[i] = BarMeter.Measure(frames[i], thresholds.Plan.EdgeCropLimit, thresholds.Plan.EdgeBarMaxStdDev);
                }
            });
            var codes = new List<DecodedCode>?[frames.Count];
            Time("codes (every 2nd frame)", totals, () =>
            {
                for (var i = 0; i < frames.Count; i += FrameWorker.CodeFrameStep)
                {
                    codes[i] = reader.Read(frames[i]);
                }
            });
            var tiles = new List<PixelBox>[frames.Count];
            Time("pixelation", totals, () =>
            {
                for (var i = 0; i < frames.Count; i++)
                {
                    tiles[i] = PixelationFinder.FindTiles(frames[i], thresholds.Plan.MosaicTileSize, thresholds.Plan.MosaicMaxOffGridShare);
                }
            });
            var noise = new double[frames.Count];
            Time("noise", totals, () =>
            {
                for (var i = 0; i < frames.Count; i++)
                {
                    noise[i] = NoiseEstimator.Estimate(frames[i]);
                }
            });
            var blockiness = new double[frames.Count];
            Time("blockiness", totals, () =>
            {
                for (var i = 0; i < frames.Count; i++)
                {
                    blockiness[i] = BlockinessMeter.Measure(frames[i]);
                }
            });
            var perceptual = new PerceptualSample?[frames.Count];
            Time("perceptual (every 2nd frame, as run)", totals, () =>
            {
                for (var i = FrameWorker.PerceptualFrameStep - 1; i < frames.Count; i += FrameWorker.PerceptualFrameStep)
                {
                    perceptual[i] = PerceptualMeter.Measure(frames[i], bars[i]);
                }
            });
            var brisque = new double[frames.Count];
            Time("  of which: BRISQUE of the whole frame (1 thread)", totals, () =>
            {
                for (var i = FrameWorker.PerceptualFrameStep - 1; i < frames.Count; i += FrameWorker.PerceptualFrameStep)
                {
                    brisque[i] = Brisque.Score(frames[i].Pixels, width, height, width);
                }
            });
            var niqe = new double[frames.Count];
            Time("  of which: NIQE of the whole frame (1 thread)", totals, () =>
            {
                for (var i = FrameWorker.PerceptualFrameStep - 1; i < frames.Count; i += FrameWorker.PerceptualFrameStep)
                {
                    niqe[i] = Niqe.Score(frames[i].Pixels, width, height, width);
                }
            });

            var detail = 0.0;
            Time("  of which: StdDev + Detail of the frame and 192-px tiles", totals, () =>
            {
                for (var i = FrameWorker.PerceptualFrameStep - 1; i < frames.Count; i += FrameWorker.PerceptualFrameStep)
                {
                    detail += PerceptualMeter.StdDev(frames[i].Pixels, width, 0, 0, width, height);
                    detail += PerceptualMeter.Detail(frames[i].Pixels, width, 0, 0, width, height);
                    for (var y = 0; y + PerceptualMeter.TileSize <= height; y += PerceptualMeter.TileSize)
                    {
                        for (var x = 0; x + PerceptualMeter.TileSize <= width; x += PerceptualMeter.TileSize)
                        {
                            detail += PerceptualMeter.StdDev(frames[i].Pixels, width, x, y, PerceptualMeter.TileSize, PerceptualMeter.TileSize);
                            detail += PerceptualMeter.Detail(frames[i].Pixels, width, x, y, PerceptualMeter.TileSize, PerceptualMeter.TileSize);
                        }
                    }
                }
            });

            Console.WriteLine(Invariant($"  this clip: {string.Join(", ", ClipTotals.Select(kv => $"{kv.Key.Trim()} {kv.Value:F3}"))}"));
            values.Append("# ").Append(Path.GetFileName(clip)).Append('\n');
            for (var i = 0; i < frames.Count; i++)
            {
                values.Append(Invariant($"{i} bars={bars[i]} noise={R(noise[i])} block={R(blockiness[i])} tiles={tiles[i].Count}:{string.Join(";", tiles[i])}"));
                if (codes[i] is { } c)
                {
                    values.Append(" codes=").Append(string.Join(";", c.Select(x => x.ToString())));
                }

                if (perceptual[i] is { } p)
                {
                    values.Append(Invariant($" brisque={R(p.Brisque)} niqe={R(p.Niqe)} detail={R(p.Detail)} frameBrisque={R(brisque[i])} frameNiqe={R(niqe[i])}"));
                }

                values.Append('\n');
            }

            var analyzer = new LocalVideoAnalyzer();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var result = await analyzer.AnalyzeAsync(clip).ConfigureAwait(false);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            Console.WriteLine(Invariant($"  AnalyzeAsync: wall {wall.Elapsed.TotalSeconds:F3} s, this process's CPU {cpu:F3} s (ffmpeg's not included)"));
            var json = JsonSerializer.Serialize(new { result.QualityEstimate, result.Breakdown, result.DurationSeconds, result.Notes });
            values.Append("result ").Append(json).Append('\n');
        }

        Console.WriteLine("CPU seconds, all clips:");
        foreach (var (name, seconds) in totals)
        {
            Console.WriteLine(Invariant($"  {name,-50} {seconds,8:F3}"));
        }

        await File.WriteAllTextAsync(output, values.ToString()).ConfigureAwait(false);
        Console.WriteLine("values: " + output);
        return 0;
    }

    private static readonly Dictionary<string, double> ClipTotals = [];

    private static void Time(string name, Dictionary<string, double> totals, Action action)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        var seconds = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        totals[name] = totals.GetValueOrDefault(name) + seconds;
        ClipTotals[name] = seconds;
    }

    internal static List<GrayFrame> DecodeFrames(string clip, int maxWidth) => Decode(clip, maxWidth).Frames;

    private static (int Width, int Height, List<GrayFrame> Frames) Decode(string clip, int maxWidth)
    {
        var probe = new ProcessStartInfo("ffprobe") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", clip })
        {
            probe.ArgumentList.Add(a);
        }

        string size;
        using (var p = Process.Start(probe)!)
        {
            size = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
        }

        var parts = size.Split(',');
        var (width, height) = AnalysisGraph.Fit(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), maxWidth);
        var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            "-v", "error", "-nostdin", "-noautorotate", "-i", clip, "-vf", Invariant($"fps={FrameWorker.FramesPerSecond},scale={width}:{height},format=gray"),
            "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-",
        })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        var bytes = memory.ToArray();
        var frames = new List<GrayFrame>();
        var n = width * height;
        for (var i = 0; (i + 1) * n <= bytes.Length; i++)
        {
            frames.Add(new GrayFrame(i, i / FrameWorker.FramesPerSecond, width, height, bytes.AsSpan(i * n, n).ToArray()));
        }

        if (frames.Count == 0)
        {
            throw new InvalidOperationException("no frames: " + stderr.Result);
        }

        return (width, height, frames);
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>--perceptual-parts CLIP</c>: process CPU of each step of NIQE's feature extraction over the clip's
/// 1280-px gray frames (one thread; every frame, the steps run one after the other as in <see cref="NiqeFeatures"/>).</summary>
internal static class PerceptualPartsProbe
{
    internal static int Run(string clip)
    {
        var frames = FrameCostProbe.DecodeFrames(clip, 1280);
        var w = frames[0].Width;
        var h = frames[0].Height;
        var n = w * h;
        var image = new float[n];
        var half = new float[(w / 2) * (h / 2)];
        Span<double> scale = stackalloc double[NssFeatures.PerScale];
        var t = new double[7];
        for (var round = 0; round < 2; round++)
        {
            Array.Clear(t);
            foreach (var f in frames)
            {
                var c0 = Cpu();
                PictureArguments.ToUnitRange(f.Pixels, w, h, w, image);
                var c1 = Cpu();
                using (var map = MscnMap.Compute(image, w, h, keepSigma: true))
                {
                    var c2 = Cpu();
                    for (var py = 0; py < h / 96; py++)
                    {
                        for (var px = 0; px < w / 96; px++)
                        {
                            NssFeatures.Compute(map, px * 96, py * 96, (px + 1) * 96, (py + 1) * 96, scale);
                        }
                    }

                    var c3 = Cpu();
                    t[0] += c1 - c0;
                    t[1] += c2 - c1;
                    t[2] += c3 - c2;
                }

                var c4 = Cpu();
                BicubicHalf.Resize(image, w, h, half);
                var c5 = Cpu();
                using (var map = MscnMap.Compute(half, w / 2, h / 2, keepSigma: false))
                {
                    var c6 = Cpu();
                    for (var py = 0; py < h / 96; py++)
                    {
                        for (var px = 0; px < w / 96; px++)
                        {
                            NssFeatures.Compute(map, px * 48, py * 48, (px + 1) * 48, (py + 1) * 48, scale);
                        }
                    }

                    var c7 = Cpu();
                    t[3] += c5 - c4;
                    t[4] += c6 - c5;
                    t[5] += c7 - c6;
                }

                var c8 = Cpu();
                for (var k = 0; k < 9; k++)
                {
                    BrisqueModel.LiveModel.Predict(new float[36]);
                }

                t[6] += Cpu() - c8;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}, {frames.Count} frames {w}x{h}, CPU s: unit {t[0]:F3}, mscn full {t[1]:F3}, nss full (patches) {t[2]:F3}, bicubic half {t[3]:F3}, mscn half {t[4]:F3}, nss half {t[5]:F3}, svr x9 {t[6]:F3}"));
        }

        return 0;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
