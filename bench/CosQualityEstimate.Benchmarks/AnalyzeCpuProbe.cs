using System.Diagnostics;
using System.Globalization;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--analyze N CLIP</c>: <see cref="LocalVideoAnalyzer.AnalyzeAsync"/> on the clip once to warm up, then N times,
/// printing each run's wall time and this process's CPU time (ffmpeg's is not in it). Run it under
/// <c>/usr/bin/time</c> for the total CPU, ffmpeg included (its processes are waited for, so their CPU counts as the
/// children's). On a machine shared with other builds CPU seconds vary less than wall-clock times, which depend on
/// how many cores the others leave free.
/// </summary>
internal static class AnalyzeCpuProbe
{
    internal static async Task<int> RunAsync(int count, string clip)
    {
        var analyzer = new LocalVideoAnalyzer();
        await analyzer.AnalyzeAsync(clip).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var result = await analyzer.AnalyzeAsync(clip).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i}: wall {wall.Elapsed.TotalSeconds:F3} s, .NET CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F3} s, score {result.QualityEstimate.Score}"));
        }

        return 0;
    }
}
