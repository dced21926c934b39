using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// Uploading one 256 MB file to an in-process <see cref="CosEmulator"/> on 127.0.0.1 (signature verification ON, the
/// emulator streams every body to its temp directory and hashes it): a raw <see cref="HttpClient"/> PUT of the file
/// (StreamContent over a FileStream, precomputed Authorization) as the baseline; <see cref="ObjectsClient"/> as one
/// PUT Object (threshold raised above the file size; it also hashes what it sends and checks the ETag); and
/// <see cref="ObjectsClient"/> as a multipart upload of 16 MB parts, 4 in flight (List Multipart Uploads, Initiate,
/// 16 Upload Parts, Complete). Each iteration overwrites the same keys, so the emulator holds at most one copy.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class UploadBenchmarks
{
    private const long FileSize = 256L * 1024 * 1024;

    private CosEmulator _emulator = null!;
    private HttpClient _rawHttp = null!;
    private HttpClient _clientHttp = null!;
    private ObjectsClient _single = null!;
    private ObjectsClient _multipart = null!;
    private string _directory = null!;
    private string _path = null!;
    private Uri _rawUri = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = CosEmulator.StartAsync(new CosEmulatorOptions { VerifySignatures = true }).GetAwaiter().GetResult();
        _directory = Directory.CreateTempSubdirectory("cosqe-bench-").FullName;
        _path = Path.Combine(_directory, "video-256mb.bin");
        WriteRandomFile(_path, FileSize);
        _rawHttp = NewHttpClient();
        _clientHttp = NewHttpClient();
        _single = new ObjectsClient(_clientHttp, Options(o => o.MultipartThreshold = 5L * 1024 * 1024 * 1024));
        _multipart = new ObjectsClient(_clientHttp, Options(o =>
        {
            o.PartSize = 16 * 1024 * 1024;
            o.MaxConcurrency = 4;
        }));
        _rawUri = new Uri(_emulator.Endpoint, "/bench/raw.bin");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rawHttp.Dispose();
        _clientHttp.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient PUT, 256 MB")]
    public async Task<int> RawHttpClientPut()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var authorization = CosSigner.CreateAuthorization(
            _emulator.Credential,
            "PUT",
            "/bench/raw.bin",
            [],
            [
                new("Host", _rawUri.Authority),
                new("Content-Type", "application/octet-stream"),
                new("Content-Length", FileSize.ToString(CultureInfo.InvariantCulture)),
            ],
            start,
            start.AddHours(1));
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            using var content = new StreamContent(file, 128 * 1024);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = FileSize;
            using var request = new HttpRequestMessage(HttpMethod.Put, _rawUri) { Content = content };
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            using var response = await _rawHttp.SendAsync(request).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return (int)response.StatusCode;
        }
    }

    [Benchmark(Description = "ObjectsClient PUT Object, 256 MB")]
    public async Task<string> ClientSimpleUpload() => (await _single.UploadFileAsync(_path, "bench/single.bin").ConfigureAwait(false)).ETag;

    [Benchmark(Description = "ObjectsClient multipart 16 x 16 MB, 4 in flight")]
    public async Task<string> ClientMultipartUpload() => (await _multipart.UploadFileAsync(_path, "bench/multipart.bin").ConfigureAwait(false)).ETag;

    private ObjectsClientOptions Options(Action<ObjectsClientOptions> configure)
    {
        var options = new ObjectsClientOptions
        {
            Bucket = _emulator.Bucket,
            Region = _emulator.Region,
            Endpoint = _emulator.Endpoint,
            Credential = _emulator.Credential,
        };
        configure(options);
        return options;
    }

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };

    internal static void WriteRandomFile(string path, long size)
    {
        var buffer = new byte[1024 * 1024];
        var random = new Random(256);
        using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }
}

/// <summary>
/// Peak working set of a multipart upload: <c>dotnet run -c Release --project bench/CosQualityEstimate.Benchmarks -- --upload-memory [MB]</c>.
/// Starts the emulator (same process), writes the file, records the working set when idle, uploads it (16 MB parts,
/// 4 in flight) and prints the process's peak working set above the idle one. Not a BenchmarkDotNet run: the peak of
/// one process is the figure of interest.
/// </summary>
internal static class UploadMemoryMeasurement
{
    internal static async Task<int> RunAsync(long megabytes)
    {
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { VerifySignatures = true }).ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("cosqe-mem-").FullName;
        try
        {
            var path = Path.Combine(directory, "video.bin");
            UploadBenchmarks.WriteRandomFile(path, megabytes * 1024 * 1024);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var options = new ObjectsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential, PartSize = 16 * 1024 * 1024, MaxConcurrency = 4 };
            var client = new ObjectsClient(http, options);
            await client.UploadFileAsync(path, "warmup.bin").ConfigureAwait(false); // JIT and connection pool warm
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var idle = process.WorkingSet64;
            var peakBefore = process.PeakWorkingSet64;
            var watch = Stopwatch.StartNew();
            var result = await client.UploadFileAsync(path, "measured.bin").ConfigureAwait(false);
            watch.Stop();
            process.Refresh();
            Console.WriteLine($"file {megabytes} MB, parts {result.PartCount}, {watch.Elapsed.TotalSeconds:0.00} s ({megabytes / watch.Elapsed.TotalSeconds:0} MB/s)");
            Console.WriteLine($"working set idle {idle / 1048576} MB, peak during upload {process.PeakWorkingSet64 / 1048576} MB (peak before the measured upload {peakBefore / 1048576} MB), peak above idle {(process.PeakWorkingSet64 - idle) / 1048576} MB");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
