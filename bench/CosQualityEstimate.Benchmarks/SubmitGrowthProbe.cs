using System.Diagnostics;
using System.Globalization;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--submit-growth [batches] [batchSize] [raw|client|both] [keep|forget]</c>: how one row of <see cref="EndToEndSubmitBenchmarks"/>
/// behaves as the emulator's job store grows, as it does through a BenchmarkDotNet run (each row in its own process,
/// with its own emulator, and every submitted job kept for the hour of <c>QueueDelay</c>). For each row a fresh
/// benchmark instance runs <c>batches</c> x <c>batchSize</c> sequential calls and prints, per batch: the jobs stored,
/// the mean wall time per call, the GC counts and pause time of the batch, the managed heap after it, and the
/// thread-pool work items per call. With <c>forget</c> the emulator forgets its jobs after every batch (outside the
/// timed loop); the benchmark itself forgets them once, after its warm-up, and lets the store grow during its measured
/// iterations (the per-call time was measured flat with the store's size: docs/performance.md, "Seventh pass"). Times
/// only compare batches of one run with each other.
/// </summary>
internal static class SubmitGrowthProbe
{
    internal static async Task<int> RunAsync(int batches, int batchSize, string rows, bool forget)
    {
        Console.WriteLine(FormattableString.Invariant($"server GC {System.Runtime.GCSettings.IsServerGC}, latency {System.Runtime.GCSettings.LatencyMode}, cores {Environment.ProcessorCount}"));
        if (rows is "raw" or "both")
        {
            await RunRowAsync("raw", batches, batchSize, forget, static bench => bench.RawHttpClientPost()).ConfigureAwait(false);
        }

        if (rows is "client" or "both")
        {
            await RunRowAsync("client", batches, batchSize, forget, static bench => bench.JobsClientSubmit()).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task RunRowAsync(string name, int batches, int batchSize, bool forget, Func<EndToEndSubmitBenchmarks, Task> call)
    {
        var bench = new EndToEndSubmitBenchmarks();
        bench.Setup();
        try
        {
            Console.WriteLine($"{name}: batch, jobs stored, mean us/call, gen0, gen1, gen2, GC pause ms, heap MB, work items/call");
            for (var batch = 0; batch < batches; batch++)
            {
                int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
                var pause = GC.GetTotalPauseDuration();
                var items = ThreadPool.CompletedWorkItemCount;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < batchSize; i++)
                {
                    await call(bench).ConfigureAwait(false);
                }

                watch.Stop();
                var stored = bench.StoredJobs;
                if (forget)
                {
                    bench.ForgetJobs();
                }

                var perCall = watch.Elapsed.TotalMicroseconds / batchSize;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {batch,3}, {stored,7}, {perCall,7:F1}, {GC.CollectionCount(0) - g0,4}, {GC.CollectionCount(1) - g1,4}, {GC.CollectionCount(2) - g2,3}, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,7:F1}, {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,7:F1}, {(ThreadPool.CompletedWorkItemCount - items) / (double)batchSize:F2}"));
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
