using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CosQualityEstimate.Http;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Objects;

/// <summary>
/// GetSnapshot (<see cref="ObjectsClient.GetSnapshotAsync"/>): what the object host receives (query and signature checked by
/// the reference signer), every validation error before anything is sent, error XML, retries and the 16 MiB limit.
/// </summary>
public sealed class GetSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 0xFF, 0xD9];
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private ObjectsClientOptions Options(int maxRetries) => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = _service.Endpoint,
        Credential = WireMockService.Credential,
        TimeProvider = new AutoAdvanceTimeProvider(Now),
        Retry = new ObjectsRetryOptions { MaxRetries = maxRetries, AttemptTimeout = Timeout.InfiniteTimeSpan },
    };

    private ObjectsClient CreateClient(int maxRetries = 3) => new(Options(maxRetries));

    private static Dictionary<string, string> HeadersOf(WireMock.IRequestMessage received) =>
        received.Headers!.ToDictionary(h => h.Key, h => h.Value.Single(), StringComparer.OrdinalIgnoreCase);

    private static List<KeyValuePair<string, string>> QueryOf(WireMock.IRequestMessage received) =>
        (received.RawQuery ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
            .ToList();

    private void Answer(string path, int status, byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        _service.Server.Given(Request.Create().WithPath(path).WithParam("ci-process", "snapshot").UsingGet()).RespondWith(response);
    }

    [Fact]
    public async Task GetSnapshot_SendsTheDocumentedSignedGetAndReturnsThePicture()
    {
        Answer("/videos/*", 200, Png, "image/png", ("x-cos-request-id", "req-snap"));

        var snapshot = await CreateClient().GetSnapshotAsync("videos/a b+c.mp4", 12.3456, new SnapshotOptions
        {
            Width = 320,
            Format = SnapshotFormat.Png,
            Rotate = SnapshotRotation.Off,
            Mode = SnapshotMode.KeyFrame,
        });

        var received = Assert.Single(_service.Requests).RequestMessage;
        Assert.Equal("GET", received.Method);
        Assert.StartsWith("/videos/a b", received.AbsolutePath, StringComparison.Ordinal); // WireMock decodes the path (and "+")
        var query = QueryOf(received);
        Assert.Equal(
            [new("ci-process", "snapshot"), new("time", "12.346"), new("format", "png"), new("width", "320"), new("height", "0"), new("rotate", "off"), new("mode", "keyframe")],
            query);
        var headers = HeadersOf(received);
        Assert.True(ReferenceSigner.Verify(WireMockService.Credential, headers["Authorization"], "GET", "/videos/a b+c.mp4", query, headers), "signature");
        Assert.Contains("q-url-param-list=ci-process;format;height;mode;rotate;time;width&", headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(Png, snapshot.Content.ToArray());
        Assert.Equal("image/png", snapshot.ContentType);
        Assert.Equal("req-snap", snapshot.RequestId);
        Assert.Equal("videos/a b+c.mp4", snapshot.ObjectKey);
        Assert.Equal(12.3456, snapshot.TimeSeconds);
        Assert.Equal(SnapshotFormat.Png, snapshot.Format);
        Assert.False(snapshot.IsSimulated);
        using var stream = snapshot.OpenRead();
        Assert.Equal(Png.Length, stream.Length);
    }

    [Fact]
    public async Task GetSnapshot_WithoutOptions_SendsTheServiceDefaults()
    {
        Answer("/v.mp4", 200, Jpeg, "image/jpeg");

        var snapshot = await CreateClient().GetSnapshotAsync("v.mp4", 0);

        var query = QueryOf(Assert.Single(_service.Requests).RequestMessage);
        Assert.Equal(
            [new("ci-process", "snapshot"), new("time", "0"), new("format", "jpg"), new("width", "0"), new("height", "0"), new("rotate", "auto"), new("mode", "exactframe")],
            query);
        Assert.Equal("image/jpeg", snapshot.ContentType);
        Assert.Equal(SnapshotFormat.Jpg, snapshot.Format);
    }

    [Fact]
    public async Task GetSnapshot_EmulatorPlaceholder_IsMarkedSimulated()
    {
        Answer("/v.mp4", 200, Png, "image/png", ("x-cosqe-simulated", "true"));

        var snapshot = await CreateClient().GetSnapshotAsync("v.mp4", 1, new SnapshotOptions { Format = SnapshotFormat.Png });

        Assert.True(snapshot.IsSimulated);
    }

    public static TheoryData<string?, double, SnapshotOptions, Type, string> BadInputs() => new()
    {
        { "v.mp4", -0.001, new SnapshotOptions(), typeof(ArgumentOutOfRangeException), "timeSeconds" },
        { "v.mp4", double.NaN, new SnapshotOptions(), typeof(ArgumentOutOfRangeException), "timeSeconds" },
        { "v.mp4", double.PositiveInfinity, new SnapshotOptions(), typeof(ArgumentOutOfRangeException), "timeSeconds" },
        { "v.mp4", 1, new SnapshotOptions { Width = -1 }, typeof(ArgumentOutOfRangeException), "options" },
        { "v.mp4", 1, new SnapshotOptions { Height = -1 }, typeof(ArgumentOutOfRangeException), "options" },
        { "v.mp4", 1, new SnapshotOptions { Format = (SnapshotFormat)7 }, typeof(ArgumentOutOfRangeException), "options" },
        { "v.mp4", 1, new SnapshotOptions { Rotate = (SnapshotRotation)7 }, typeof(ArgumentOutOfRangeException), "options" },
        { "v.mp4", 1, new SnapshotOptions { Mode = (SnapshotMode)7 }, typeof(ArgumentOutOfRangeException), "options" },
        { string.Empty, 1, new SnapshotOptions(), typeof(ArgumentException), "objectKey" },
        { "/v.mp4", 1, new SnapshotOptions(), typeof(ArgumentException), "objectKey" },
        { "videos/", 1, new SnapshotOptions(), typeof(ArgumentException), "objectKey" },
        { "a\nb.mp4", 1, new SnapshotOptions(), typeof(ArgumentException), "objectKey" },
        { null, 1, new SnapshotOptions(), typeof(ArgumentNullException), "objectKey" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task GetSnapshot_BadInput_IsRefusedBeforeAnythingIsSent(string? key, double time, SnapshotOptions options, Type expected, string parameter)
    {
        Answer("/v.mp4", 200, Jpeg, "image/jpeg");

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => CreateClient().GetSnapshotAsync(key!, time, options));

        Assert.IsType(expected, error);
        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task GetSnapshot_NoSuchKey_IsAServiceExceptionWithTheCodeAndNotResent()
    {
        Answer("/missing.mp4", 404, "<?xml version='1.0' encoding='utf-8' ?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>req-404</RequestId></Error>"u8.ToArray(), "application/xml");

        var error = await Assert.ThrowsAsync<CosServiceException>(() => CreateClient().GetSnapshotAsync("missing.mp4", 1));

        Assert.Equal(404, error.Status);
        Assert.Equal("NoSuchKey", error.ErrorCode);
        Assert.Equal("req-404", error.RequestId);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task GetSnapshot_TimePastTheEnd_IsTheServicesInvalidArgument()
    {
        Answer("/v.mp4", 400, "<Error><Code>InvalidArgument</Code><Message>The snapshot time is past the end of the video.</Message><RequestId>req-400</RequestId></Error>"u8.ToArray(), "application/xml");

        var error = await Assert.ThrowsAsync<CosServiceException>(() => CreateClient().GetSnapshotAsync("v.mp4", 99999));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task GetSnapshot_ServerErrorThenPicture_IsRetriedAsAGet()
    {
        _service.Server.Given(Request.Create().WithPath("/v.mp4").UsingGet()).InScenario("5xx").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>"));
        _service.Server.Given(Request.Create().WithPath("/v.mp4").UsingGet()).InScenario("5xx").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/jpeg").WithBody(Jpeg));

        var snapshot = await CreateClient().GetSnapshotAsync("v.mp4", 2.5);

        Assert.Equal(Jpeg, snapshot.Content.ToArray());
        var requests = _service.Requests.Select(r => r.RequestMessage).ToList();
        Assert.Equal(["GET", "GET"], requests.Select(r => r.Method));
        Assert.All(requests, r => Assert.True(ReferenceSigner.Verify(WireMockService.Credential, HeadersOf(r)["Authorization"], "GET", "/v.mp4", QueryOf(r), HeadersOf(r)), "every attempt is signed"));
    }

    [Fact]
    public async Task GetSnapshot_AnswerThatIsNotAPicture_IsResentThenAFormatException()
    {
        Answer("/v.mp4", 200, "<html>gateway</html>"u8.ToArray(), "text/html");

        var error = await Assert.ThrowsAsync<CosResponseFormatException>(() => CreateClient(maxRetries: 2).GetSnapshotAsync("v.mp4", 1));

        Assert.IsNotType<CosResponseTooLargeException>(error);
        Assert.Contains("not a JPEG or PNG picture", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _service.Requests.Count);
    }

    [Fact]
    public async Task GetSnapshot_DeclaredOverTheLimit_IsRefusedOnceAndNotResent()
    {
        var huge = new byte[ObjectSnapshot.MaxContentBytes + 1];
        Jpeg.CopyTo(huge, 0);
        var attempts = 0;
        var handler = new StubHandler(() =>
        {
            attempts++;
            var content = new ByteArrayContent(huge);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var client = new ObjectsClient(new HttpClient(handler), Options(maxRetries: 3));

        var error = await Assert.ThrowsAsync<CosResponseTooLargeException>(() => client.GetSnapshotAsync("v.mp4", 1));

        Assert.Equal(ObjectSnapshot.MaxContentBytes, error.Limit);
        Assert.Equal(ObjectSnapshot.MaxContentBytes + 1L, error.DeclaredLength);
        Assert.Contains($"declares {ObjectSnapshot.MaxContentBytes + 1L} bytes", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task GetSnapshot_UndeclaredBodyOverTheLimit_IsRefusedWhileReading()
    {
        var huge = new byte[ObjectSnapshot.MaxContentBytes + 1];
        Jpeg.CopyTo(huge, 0);
        var attempts = 0;
        var handler = new StubHandler(() =>
        {
            attempts++;
            var content = new StreamContent(new NoLengthStream(huge));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var client = new ObjectsClient(new HttpClient(handler), Options(maxRetries: 3));

        var error = await Assert.ThrowsAsync<CosResponseTooLargeException>(() => client.GetSnapshotAsync("v.mp4", 1));

        Assert.Null(error.DeclaredLength);
        Assert.Contains($"exceeds this call's {ObjectSnapshot.MaxContentBytes}-byte limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task GetSnapshot_JustUnderTheLimit_IsRead()
    {
        var big = new byte[ObjectSnapshot.MaxContentBytes];
        Png.CopyTo(big, 0);
        Answer("/v.mp4", 200, big, "image/png");

        var snapshot = await CreateClient().GetSnapshotAsync("v.mp4", 1, new SnapshotOptions { Format = SnapshotFormat.Png });

        Assert.Equal(ObjectSnapshot.MaxContentBytes, snapshot.Content.Length);
    }

    [Fact]
    public async Task GetSnapshot_ErrorBodies_KeepTheXmlLimit()
    {
        // The 16 MiB limit is for the picture only: an error answer is XML and bounded as every XML answer is.
        var huge = new byte[CosQualityEstimate.Serialization.CosXml.MaxBodyBytes + 1];
        Answer("/v.mp4", 400, huge, "application/xml");

        var error = await Assert.ThrowsAsync<CosResponseFormatException>(() => CreateClient(maxRetries: 0).GetSnapshotAsync("v.mp4", 1));

        Assert.IsNotType<CosResponseTooLargeException>(error);
    }

    [Fact]
    public async Task GetSnapshot_IsOneActivityWithItsAttemptsAsChildren()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var testSource = new ActivitySource("CosQualityEstimate.Tests.Snapshot");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CosDiagnostics.Name or "CosQualityEstimate.Tests.Snapshot",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        Answer("/v.mp4", 200, Jpeg, "image/jpeg");

        ActivityTraceId trace;
        using (var parent = testSource.StartActivity("test"))
        {
            Assert.NotNull(parent);
            trace = parent.TraceId;
            await CreateClient().GetSnapshotAsync("v.mp4", 1);
        }

        var ours = stopped.Where(a => a.TraceId == trace && a.Source.Name == CosDiagnostics.Name).ToList();
        var call = Assert.Single(ours, a => a.OperationName == "ObjectsClient.GetSnapshot");
        var attempt = Assert.Single(ours, a => a.OperationName == "CosQualityEstimate.GetSnapshot");
        Assert.Equal(call.SpanId, attempt.ParentSpanId);
        Assert.Equal(Jpeg.Length, call.GetTagItem("cos.snapshot.size"));
    }

    [Fact]
    public async Task GetSnapshot_IsVirtualForMocks()
    {
        var mock = new MockObjects();

        var snapshot = await mock.GetSnapshotAsync("v.mp4", 3);

        Assert.Equal("image/jpeg", snapshot.ContentType);
        Assert.Equal(3, snapshot.TimeSeconds);
    }

    private sealed class MockObjects : ObjectsClient
    {
        public override Task<ObjectSnapshot> GetSnapshotAsync(string objectKey, double timeSeconds, SnapshotOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ObjectSnapshot(objectKey, timeSeconds, SnapshotFormat.Jpg, Jpeg, "image/jpeg"));
    }

    private sealed class StubHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond());
    }

    /// <summary>A stream that does not know its length, so the response has no Content-Length.</summary>
    private sealed class NoLengthStream(byte[] body) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, 64 * 1024), body.Length - _position);
            body.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
