using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using CosQualityEstimate.Emulator;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Benchmarks;

/// <summary>
/// Issue 26: what a nesting bomb at the emulator's 4 MiB body limit (unclosed <c>&lt;a&gt;</c> elements, about 1.4
/// million levels) costs each endpoint that reads XML, over loopback with valid signatures, against a small refused body
/// (the baseline) and a flat, well-formed body of the same 4 MiB. The last row is the pattern the emulator used before:
/// <c>XDocument.Load</c> of the whole body, depth checked afterwards, on a bomb of only 12,500 levels (37 KB), in
/// process.
/// </summary>
[MemoryDiagnoser]
public class XmlBombBenchmarks
{
    private const int BodyLimit = 4 * 1024 * 1024;
    private static readonly MediaTypeHeaderValue XmlContentType = new("application/xml");

    private CosEmulator _emulator = null!;
    private HttpClient _http = null!;
    private Request _small = null!;
    private Request _flat = null!;
    private Request _jobsBomb = null!;
    private Request _batchBomb = null!;
    private Request _completeBomb = null!;
    private Request _valid = null!;
    private byte[] _oldPatternBomb = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = CosEmulator.StartAsync(new CosEmulatorOptions { VerifySignatures = true, QueueDelay = TimeSpan.FromHours(1), RunDuration = TimeSpan.FromHours(1) }).GetAwaiter().GetResult();
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(100) };

        var initiated = Send(Sign("POST", "/bomb.bin", "uploads", [])).GetAwaiter().GetResult();
        var uploadId = XDocument.Parse(initiated.Body).Root!.Element("UploadId")!.Value;

        const string Job = "<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input>";
        _small = Sign("POST", "/jobs", null, Encoding.UTF8.GetBytes(Job + "<a><a><a>"));
        _flat = Sign("POST", "/jobs", null, Encoding.UTF8.GetBytes(Job + "<Operation><UserData>" + new string('x', BodyLimit - Job.Length - 64) + "</UserData></Operation></Request>"));
        _jobsBomb = Sign("POST", "/jobs", null, Bomb(Job, BodyLimit));
        _batchBomb = Sign("POST", "/inventorytriggerjob", null, Bomb("<Request><Name>bomb</Name><Type>Job</Type><Input><Prefix>bomb/</Prefix></Input>", BodyLimit));
        _completeBomb = Sign("POST", "/bomb.bin", "uploadId=" + uploadId, Bomb("<CompleteMultipartUpload>", BodyLimit), ("uploadId", uploadId));
        _valid = Sign("GET", "/jobs", "tag=QualityEstimate&size=1", [], ("tag", "QualityEstimate"), ("size", "1"));
        _oldPatternBomb = Bomb("<Request>", 9 + (12_500 * 3));

        // Every row must be refused as malformed (and the emulator still serve a request) before any number is reported.
        foreach (var request in new[] { _small, _flat, _jobsBomb, _batchBomb, _completeBomb })
        {
            var status = Refuse(request).GetAwaiter().GetResult();
            if (status != 400)
            {
                throw new InvalidOperationException($"Setup check failed: {request.Uri} answered {status}, not 400.");
            }
        }

        var next = Send(_valid).GetAwaiter().GetResult();
        if (next.Status != 200)
        {
            throw new InvalidOperationException($"Setup check failed: the emulator answered the next request {next.Status}: {next.Body}");
        }

        if (OldPatternLoadThenCheck() != -1)
        {
            throw new InvalidOperationException("Setup check failed: the old pattern accepted the bomb.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<int> Jobs_SmallRefusedBody() => Refuse(_small);

    [Benchmark]
    public Task<int> Jobs_FlatBodyAtTheLimit() => Refuse(_flat);

    [Benchmark]
    public Task<int> Jobs_BombAtTheLimit() => Refuse(_jobsBomb);

    [Benchmark]
    public Task<int> InventoryTriggerJob_BombAtTheLimit() => Refuse(_batchBomb);

    [Benchmark]
    public Task<int> CompleteMultipartUpload_BombAtTheLimit() => Refuse(_completeBomb);

    /// <summary>The emulator's former pattern (issue 26), kept here only as the reference row.</summary>
    [Benchmark]
    public int OldPatternLoadThenCheck_12500Levels() => OldPatternLoadThenCheck();

    private int OldPatternLoadThenCheck()
    {
        try
        {
            using var stream = new MemoryStream(_oldPatternBomb, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = BodyLimit });
            return XDocument.Load(reader).Root!.DescendantsAndSelf().Count();
        }
        catch (XmlException)
        {
            return -1;
        }
    }

    private static byte[] Bomb(string prefix, int bytes)
    {
        var levels = (bytes - prefix.Length) / 3;
        return Encoding.UTF8.GetBytes(new StringBuilder(prefix.Length + (levels * 3)).Append(prefix).Insert(prefix.Length, "<a>", levels).ToString());
    }

    private async Task<int> Refuse(Request request) => (await Send(request)).Status;

    private async Task<(int Status, string Body)> Send(Request request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Uri);
        if (request.Body.Length > 0 || request.Method == "POST")
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = XmlContentType;
            message.Content.Headers.ContentLength = request.Body.Length;
        }

        message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        using var response = await _http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Request Sign(string method, string path, string? query, byte[] body, params (string Name, string Value)[] parameters)
    {
        var uri = new Uri(_emulator.Endpoint, path + (query is null ? string.Empty : "?" + query));
        var headers = new List<KeyValuePair<string, string>> { new("Host", uri.Authority) };
        if (body.Length > 0 || method == "POST")
        {
            headers.Add(new("Content-Type", "application/xml"));
            headers.Add(new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
        }

        var signedQuery = parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)).ToList();
        if (query == "uploads")
        {
            signedQuery.Add(new("uploads", string.Empty));
        }

        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var authorization = CosSigner.CreateAuthorization(_emulator.Credential, method, path, signedQuery, headers, start, start.AddHours(24));
        return new Request(method, uri, body, authorization);
    }

    private sealed record Request(string Method, Uri Uri, byte[] Body, string Authorization);
}
