using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// The job of the whole-analysis benchmarks (<see cref="LocalAnalysisBenchmarks"/>, <see cref="QuantizerCostBenchmarks"/>):
/// in process (the time is spent in ffmpeg either way, and a generated project can take longer than BenchmarkDotNet's
/// build timeout on a busy 2-core machine), monitoring strategy, 1 warm-up and 5 measured iterations of one call each.
/// </summary>
internal sealed class InProcessMonitoringConfig : ManualConfig
{
    public InProcessMonitoringConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
