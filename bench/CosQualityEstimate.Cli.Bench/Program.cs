// cosqe batch vs the library's bare concurrent submit loop, in the same run, against fresh in-process emulators.
//
//   dotnet run -c Release --project bench/CosQualityEstimate.Cli.Bench -- [keys=10000] [concurrency=32] [rounds=3]
//
// And, with BenchmarkDotNet, local analysis throughput with N = 1 vs N = 2 shards (ShardThroughputBenchmarks):
//
//   dotnet run -c Release --project bench/CosQualityEstimate.Cli.Bench -- shards
//
// Each round runs both (alternating which goes first) and prints wall times and the throughput ratio
// batch / bare. The batch runs in-process through the CLI's entry point with --no-wait (submits only, like the loop),
// so the difference is the journal: loading the keys, committing tokens before sends and job ids after.
//
// The cost of keeping frames in cosqe analyze (BenchmarkDotNet, AnalyzeFramesBenchmarks.cs; COSQE_REAL_FOOTAGE set):
//
//   dotnet run -c Release --project bench/CosQualityEstimate.Cli.Bench -- frames
//
// The server-side batch collection benchmark (BenchmarkDotNet, see ServerSideCollectBenchmarks.cs):
//
//   dotnet run -c Release --project bench/CosQualityEstimate.Cli.Bench -- server-side
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using CosQualityEstimate.Cli;
using CosQualityEstimate.Cli.Bench;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

if (args is ["shards", ..])
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<CosQualityEstimate.Cli.Bench.ShardThroughputBenchmarks>(args: args[1..]);
    return;
}

if (args is ["frames", .. var frameArgs])
{
    BenchmarkRunner.Run<AnalyzeFramesBenchmarks>(args: frameArgs);
    return;
}

if (args is ["server-side", .. var rest])
{
    BenchmarkRunner.Run<ServerSideCollectBenchmarks>(ServerSideCollectBenchmarks.Config, rest);
    return;
}

var keys = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var names = Enumerable.Range(1, keys).Select(i => $"bench/video{i:000000}.mp4").ToArray();
var dir = Path.Combine(Path.GetTempPath(), "cosqe-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
var keysFile = Path.Combine(dir, "keys.txt");
await File.WriteAllLinesAsync(keysFile, names);
var ratios = new List<double>();

try
{
    for (var round = 1; round <= rounds; round++)
    {
        double bare, batch;
        if (round % 2 == 1)
        {
            bare = await BareAsync();
            batch = await BatchAsync(round);
        }
        else
        {
            batch = await BatchAsync(round);
            bare = await BareAsync();
        }

        var ratio = bare / batch; // throughput ratio = (keys/batch) / (keys/bare)
        ratios.Add(ratio);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: bare loop {bare:0.00}s ({keys / bare:0} submits/s), cosqe batch {batch:0.00}s ({keys / batch:0} submits/s), throughput ratio {ratio:0.00}"));
    }

    ratios.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median throughput ratio batch/bare over {rounds} rounds: {ratios[ratios.Count / 2]:0.00} ({keys} keys, concurrency {concurrency})"));
}
finally
{
    Directory.Delete(dir, recursive: true);
}

async Task<double> BareAsync()
{
    await using var emulator = await StartAsync();
    var client = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential, UseClientTokens = true });
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (key, ct) =>
        await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest(key) { Mode = QualityEstimateMode.VqaPlus }, ct));
    var seconds = watch.Elapsed.TotalSeconds;
    Check(emulator);
    return seconds;
}

async Task<double> BatchAsync(int round)
{
    await using var emulator = await StartAsync();
    var env = new Dictionary<string, string?>
    {
        ["COS_ENDPOINT"] = emulator.Endpoint.ToString(),
        ["COS_BUCKET"] = emulator.Bucket,
        ["COS_REGION"] = emulator.Region,
        ["COS_SECRET_ID"] = emulator.Credential.SecretId,
        ["COS_SECRET_KEY"] = emulator.Credential.SecretKey,
    };
    var host = new CliHost { Out = TextWriter.Null, Error = TextWriter.Null, GetEnvironmentVariable = n => env.GetValueOrDefault(n), CurrentDirectory = dir };
    var journal = Path.Combine(dir, $"round{round}.db");
    var watch = Stopwatch.StartNew();
    var code = await CliApp.RunAsync(["batch", "--journal", journal, "--keys", keysFile, "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--no-wait"], host);
    var seconds = watch.Elapsed.TotalSeconds;
    if (code != 0)
    {
        throw new InvalidOperationException($"cosqe batch exited {code}");
    }

    Check(emulator);
    return seconds;
}

Task<CosEmulator> StartAsync() => CosEmulator.StartAsync(new CosEmulatorOptions { QueueDelay = TimeSpan.FromHours(1) });

void Check(CosEmulator emulator)
{
    if (emulator.SubmittedJobCount != keys)
    {
        throw new InvalidOperationException($"expected {keys} jobs, the emulator has {emulator.SubmittedJobCount}");
    }
}
