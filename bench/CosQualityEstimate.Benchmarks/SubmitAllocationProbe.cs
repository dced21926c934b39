namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// <c>--submit-alloc [count]</c>: the exact bytes allocated per submit by <see cref="EndToEndSubmitBenchmarks"/>'s two
/// rows (the same emulator, clients and request), over <c>count</c> sequential calls after 300 warm-ups, measured with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>, and the process's CPU time per submit (every thread: client, emulator,
/// GC), which a busy shared machine inflates far less than wall time. The server's share is in both rows, as in the
/// benchmark. A quick check between BenchmarkDotNet runs, not a replacement for them.
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
                var (raw, rawCpu) = await MeasureAsync(count, () => bench.RawHttpClientPost()).ConfigureAwait(false);
                var (client, clientCpu) = await MeasureAsync(count, () => bench.JobsClientSubmit()).ConfigureAwait(false);
                Console.WriteLine(System.FormattableString.Invariant($"round {round}: raw {raw:F0} B, client {client:F0} B per submit, ratio {client / raw:F3}; CPU raw {rawCpu:F1} us, client {clientCpu:F1} us per submit, raw/client {rawCpu / clientCpu:F3}"));
            }
        }
        finally
        {
            bench.Cleanup();
        }

        return 0;
    }

    private static async Task<(double Bytes, double CpuMicroseconds)> MeasureAsync(int count, Func<Task> call)
    {
        for (var i = 0; i < 300; i++)
        {
            await call().ConfigureAwait(false);
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var before = GC.GetTotalAllocatedBytes(true);
        for (var i = 0; i < count; i++)
        {
            await call().ConfigureAwait(false);
        }

        var bytes = (GC.GetTotalAllocatedBytes(true) - before) / (double)count;
        process.Refresh();
        return (bytes, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / count);
    }
}
