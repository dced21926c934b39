using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// One submit end to end against an in-process <see cref="CosEmulator"/> on 127.0.0.1 (signature verification ON for
/// both rows): the whole <see cref="JobsClient"/> pipeline (validate, serialize, sign, resilience pipeline, send, read,
/// parse) versus a raw <see cref="HttpClient"/> POST of the identical body bytes with a precomputed Authorization
/// (valid for 24 h) and no response parsing. Both use their own HttpClient with the same handler settings. The server's
/// work (Kestrel, signature check, job creation) is the same for both rows and is included in time and allocations.
/// Each row's process first runs <see cref="WarmUpCallsPerPath"/> calls of both paths (the same in both processes), so
/// tiered compilation and dynamic PGO have finished before BenchmarkDotNet's own stages: with only BenchmarkDotNet's
/// warm-up (about 14,000 calls) the measured iterations caught the end of tier-up and the mean depended on when it
/// ended (docs/performance.md, "Seventh pass"). The jobs of that warm-up are then forgotten by the emulator.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class EndToEndSubmitBenchmarks
{
    private static readonly MediaTypeHeaderValue XmlContentType = new("application/xml");

    private readonly QualityEstimateJobRequest _request = new("input/demo.mp4") { Mode = QualityEstimateMode.VqaPlus, UserData = "bench" };
    private CosEmulator _emulator = null!;
    private HttpClient _clientHttp = null!;
    private HttpClient _rawHttp = null!;
    private JobsClient _client = null!;
    private Uri _jobsUri = null!;
    private byte[] _body = null!;
    private string _authorization = null!;

    /// <summary>Calls of each path (raw and client, alternated in blocks of 1,000) before BenchmarkDotNet starts measuring.</summary>
    internal const int WarmUpCallsPerPath = 30_000;

    /// <summary>The benchmark's setup: <see cref="Setup"/>, then both paths warmed to their steady state.</summary>
    [GlobalSetup]
    public void BenchmarkSetup()
    {
        Setup();
        WarmUpAsync(WarmUpCallsPerPath).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs <paramref name="callsPerPath"/> raw POSTs and as many client submits, alternated in blocks of 1,000, and then
    /// makes the emulator forget the jobs they created (the measured iterations start from the same store for both rows).
    /// </summary>
    internal async Task WarmUpAsync(int callsPerPath)
    {
        for (var done = 0; done < callsPerPath; done += 1000)
        {
            var block = Math.Min(1000, callsPerPath - done);
            for (var i = 0; i < block; i++)
            {
                await RawPost().ConfigureAwait(false);
            }

            for (var i = 0; i < block; i++)
            {
                await ClientSubmit().ConfigureAwait(false);
            }
        }

        _emulator.ForgetJobs();
    }

    /// <summary>Starts the emulator and the clients and checks that both paths create a job (probes call it directly, without the warm-up).</summary>
    internal void Setup()
    {
        _emulator = CosEmulator.StartAsync(new CosEmulatorOptions { VerifySignatures = true, QueueDelay = TimeSpan.FromHours(1), RunDuration = TimeSpan.FromHours(1) }).GetAwaiter().GetResult();
        _clientHttp = NewHttpClient();
        _rawHttp = NewHttpClient();
        _client = new JobsClient(_clientHttp, new JobsClientOptions
        {
            Bucket = _emulator.Bucket,
            Region = _emulator.Region,
            Endpoint = _emulator.Endpoint,
            Credential = _emulator.Credential,
        });

        _jobsUri = new Uri(_emulator.Endpoint, "/jobs");
        _body = WireXmlSerializer.Serialize(JobRequestConverter.ToWire(_request));
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        _authorization = CosSigner.CreateAuthorization(
            _emulator.Credential,
            "POST",
            "/jobs",
            [],
            [
                new("Host", _jobsUri.Authority),
                new("Content-Type", "application/xml"),
                new("Content-Length", _body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            start,
            start.AddHours(24));

        // Both paths must create a job before any number is reported.
        var job = ClientSubmit().GetAwaiter().GetResult();
        var raw = RawPost().GetAwaiter().GetResult();
        if (string.IsNullOrEmpty(job) || raw < 100 || !Encoding.UTF8.GetString(_body).Contains("<Mode>vqaPlus</Mode>", StringComparison.Ordinal) || _emulator.SubmittedJobCount != 2)
        {
            throw new InvalidOperationException($"Setup check failed: job '{job}', raw body {raw} bytes, {_emulator.SubmittedJobCount} jobs.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _clientHttp.Dispose();
        _rawHttp.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawHttpClientPost()
    {
        return await RawPost();
    }

    [Benchmark]
    public async Task<string> JobsClientSubmit()
    {
        return await ClientSubmit();
    }

    /// <summary>The emulator's endpoint (for <see cref="SubmitPartsProbe"/>).</summary>
    internal Uri Endpoint => _emulator.Endpoint;

    /// <summary>The jobs the emulator holds now.</summary>
    internal int StoredJobs => _emulator.StoredJobCount;

    /// <summary>Makes the emulator forget its jobs (a probe's bounded store).</summary>
    internal void ForgetJobs() => _emulator.ForgetJobs();

    /// <summary>The body both rows send.</summary>
    internal byte[] Body => _body;

    /// <summary>The request the client row submits.</summary>
    internal QualityEstimateJobRequest Request => _request;

    /// <summary>The client row's pipeline.</summary>
    internal CosQualityEstimate.Http.CosHttpPipeline ClientPipeline => PipelineOf(_client);

    /// <summary>The pipeline of <paramref name="client"/> (a probe's look inside; reflection, not used by the benchmark).</summary>
    internal static CosQualityEstimate.Http.CosHttpPipeline PipelineOf(JobsClient client) =>
        (CosQualityEstimate.Http.CosHttpPipeline)typeof(JobsClient).GetField("_pipeline", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(client)!;

    /// <summary>A client like the benchmark's on its own HttpClient, with <paramref name="resilience"/> as its pipeline.</summary>
    internal JobsClient NewClient(Polly.ResiliencePipeline? resilience, Uri? endpoint = null) => new(NewHttpClient(), new JobsClientOptions
    {
        Bucket = _emulator.Bucket,
        Region = _emulator.Region,
        Endpoint = endpoint ?? _emulator.Endpoint,
        Credential = _emulator.Credential,
        ResiliencePipeline = resilience,
    });

    /// <summary>One raw POST, as the baseline row sends it, to <paramref name="endpoint"/> (signed for its Host).</summary>
    internal async Task RawPostTo(Uri endpoint)
    {
        var uri = new Uri(endpoint, "/jobs");
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var authorization = CosSigner.CreateAuthorization(
            _emulator.Credential,
            "POST",
            "/jobs",
            [],
            [
                new("Host", uri.Authority),
                new("Content-Type", "application/xml"),
                new("Content-Length", _body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            start,
            start.AddHours(24));
        using var http = NewHttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(_body) };
        message.Content.Headers.ContentType = XmlContentType;
        message.Content.Headers.ContentLength = _body.Length;
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>One client submit, as the client row sends it, to <paramref name="endpoint"/>.</summary>
    internal async Task ClientSubmitTo(Uri endpoint)
    {
        using var client = NewClient(null, endpoint);
        await client.SubmitQualityEstimateJobAsync(_request);
    }

    private async Task<string> ClientSubmit() => (await _client.SubmitQualityEstimateJobAsync(_request)).JobId;

    private async Task<int> RawPost()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _jobsUri) { Content = new ByteArrayContent(_body) };
        message.Content.Headers.ContentType = XmlContentType;
        message.Content.Headers.ContentLength = _body.Length;
        message.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await _rawHttp.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Raw POST failed with {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        }

        return bytes.Length;
    }

    private static HttpClient NewHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };
}
