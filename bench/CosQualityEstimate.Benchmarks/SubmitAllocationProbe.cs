namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--submit-alloc [count]</c>: the exact bytes allocated per submit by <see cref="EndToEndSubmitBenchmarks"/>'s two
/// rows (the same emulator, clients and request), over <c>count</c> sequential calls after 300 warm-ups, measured with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>. Allocations only (no times); the server's share is in both rows, as in
/// the benchmark. A quick check between BenchmarkDotNet runs, not a replacement for them.
/// </summary>
internal static class SubmitAllocationProbe
{
    internal static async Task<int> RunAsync(int count)
    {
        var bench = new EndToEndSubmitBenchmarks();
        bench.Setup();
        try
        {
            for (var round = 0; round < 2; round++)
            {
                var raw = await MeasureAsync(count, () => bench.RawHttpClientPost()).ConfigureAwait(false);
                var client = await MeasureAsync(count, () => bench.JobsClientSubmit()).ConfigureAwait(false);
                Console.WriteLine(System.FormattableString.Invariant($"round {round}: raw {raw:F0} B, client {client:F0} B per submit, ratio {client / raw:F3}"));
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }

    private static async Task<double> MeasureAsync(int count, Func<Task> call)
    {
        for (var i = 0; i < 300; i++)
        {
            await call().ConfigureAwait(false);
        }

        var before = GC.GetTotalAllocatedBytes(true);
        for (var i = 0; i < count; i++)
        {
            await call().ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(true) - before) / (double)count;
    }
}
