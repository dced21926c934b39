using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Bench;

/// <summary>
/// Objects per second that <c>cosqe batch --server-side</c> collects into a fresh journal from an ended 10,000-object
/// server-side batch on the in-process emulator: describe the batch, page through its jobs (100 per
/// <c>GET /jobs?inventoryTriggerJobId=</c>), add one row per object and commit every job's state and result.
/// One invocation collects all objects (OperationsPerInvoke = objects, so Mean is the time per object).
/// </summary>
[MemoryDiagnoser]
public class ServerSideCollectBenchmarks
{
    /// <summary>
    /// In process (no generated project to build: on a loaded 2-core machine that build outlasts BenchmarkDotNet's
    /// timeout); 1 warm-up and 5 measured iterations, one invocation each.
    /// </summary>
    public static IConfig Config { get; } = DefaultConfig.Instance.AddJob(
        Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));

    private const int Objects = 10_000;
    private CosEmulator _emulator = null!;
    private JobsClient _client = null!;
    private string _dir = null!;
    private string _batchId = null!;
    private BatchJournal? _store;
    private ServerBatchJournal? _batches;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { LocalAnalysis = false, QueueDelay = TimeSpan.Zero, RunDuration = TimeSpan.Zero });
        _client = new JobsClient(new JobsClientOptions { Bucket = _emulator.Bucket, Region = _emulator.Region, Endpoint = _emulator.Endpoint, Credential = _emulator.Credential });
        _dir = Path.Combine(Path.GetTempPath(), "cosqe-bench-ss-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "object.bin");
        await File.WriteAllTextAsync(file, "not a video");
        await Parallel.ForEachAsync(Enumerable.Range(0, Objects), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await _client.Objects.UploadFileAsync(file, $"bench/video{i:000000}.mp4", cancellationToken: ct));
        var batch = await _client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("bench-collect", BatchJobInput.FromPrefix("bench/")));
        var ended = await _client.Batches.WaitForCompletionAsync(batch.JobId, new JobPollingOptions { InitialInterval = TimeSpan.FromMilliseconds(100), MaxInterval = TimeSpan.FromMilliseconds(100) });
        if (ended.State != JobState.Success || _emulator.SubmittedJobCount != Objects)
        {
            throw new InvalidOperationException($"setup: batch {ended.RawState}, {_emulator.SubmittedJobCount} jobs");
        }

        _batchId = batch.JobId;
    }

    [IterationSetup]
    public void NewJournal()
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db");
        _store = BatchJournal.OpenServerSide(path, TimeProvider.System);
        _batches = _store.ServerBatch!;
        _batches.Intend("bench-collect", "Prefix", "bench/");
        _batches.RecordBatchId("bench-collect", _batchId);
    }

    [IterationCleanup]
    public void CloseJournal()
    {
        // The server batch lives on the store's connection: disposing the store closes both.
        _store?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Objects)]
    public async Task<int> CollectIntoJournal()
    {
        var runner = new ServerSideBatchRunner(_client, _store!, _batches!, new ServerSideBatchOptions(), TimeProvider.System);
        var result = await runner.RunAsync(CancellationToken.None);
        if (result.Counts.Succeeded != Objects)
        {
            throw new InvalidOperationException($"collected {result.Counts.Succeeded} of {Objects}");
        }

        return result.Counts.Succeeded;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
