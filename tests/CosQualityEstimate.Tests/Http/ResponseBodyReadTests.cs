using System.Net;
using System.Text;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Http;

/// <summary>How the pipeline reads a 2xx body: exactly-sized when Content-Length is known, bounded pooled chunks otherwise.</summary>
public sealed class ResponseBodyReadTests
{
    private static readonly byte[] Seed = Fixture.Bytes("seed-submit-response.xml");

    private static JobsClient Client(byte[] body, long? declaredLength, int chunk = int.MaxValue)
    {
        var handler = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new RawContent(body, declaredLength, chunk) });
        var options = new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = WireMockService.Credential,
        };
        return new JobsClient(new HttpClient(handler), options);
    }

    [Theory]
    [InlineData(true, int.MaxValue)]
    [InlineData(true, 7)] // the stream returns a few bytes per read
    [InlineData(false, int.MaxValue)]
    [InlineData(false, 7)]
    public async Task GetJob_BodyWithOrWithoutContentLength_IsReadWhole(bool declared, int chunk)
    {
        var client = Client(Seed, declared ? Seed.Length : null, chunk);

        var job = await client.GetJobAsync("j229ed9e2f60c11ec8525e36307395bf9");

        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", job.JobId);
        Assert.Equal("input/demo.mp4", job.Input!.ObjectKey);
    }

    [Fact]
    public async Task GetJob_BodyShorterThanContentLength_IsAFormatExceptionNamingTheJob()
    {
        var client = Client(Seed.AsSpan(0, Seed.Length / 2).ToArray(), Seed.Length, chunk: 64);

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => client.GetJobAsync("j229ed9e2f60c11ec8525e36307395bf9"));

        Assert.Contains($"ended after {Seed.Length / 2} of its declared {Seed.Length} bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", ex.JobId);
    }

    [Fact]
    public async Task GetJob_BodyLongerThanContentLength_IsStillReadWhole()
    {
        // A handler that rewrites the body without fixing Content-Length: the client reads past the declared length.
        var client = Client(Seed, 10, chunk: 5);

        var job = await client.GetJobAsync("j229ed9e2f60c11ec8525e36307395bf9");

        Assert.Equal("Success", job.Code);
    }

    [Fact]
    public async Task GetJob_EmptyBodyWithZeroContentLength_IsAFormatException()
    {
        var client = Client([], 0);

        await Assert.ThrowsAsync<CosResponseFormatException>(() => client.GetJobAsync("j229ed9e2f60c11ec8525e36307395bf9"));
    }

    [Fact]
    public async Task GetJob_DeclaredLengthOverTheCap_IsRejectedBeforeReading()
    {
        var client = Client(Seed, CosXml.MaxBodyBytes + 1L);

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => client.GetJobAsync("j1"));

        Assert.Contains($"declares {CosXml.MaxBodyBytes + 1L} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100L)] // declared small, actually huge
    public async Task GetJob_UndeclaredOrUnderstatedBodyOverTheCap_IsRejected(long? declared)
    {
        var huge = new byte[CosXml.MaxBodyBytes + 1];
        Seed.CopyTo(huge, 0);
        var client = Client(huge, declared, chunk: 64 * 1024);

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => client.GetJobAsync("j1"));

        Assert.Contains($"exceeds the {CosXml.MaxBodyBytes}-byte limit", ex.Message, StringComparison.Ordinal);
    }

    private sealed class StubHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond());
    }

    /// <summary>Content whose Content-Length is whatever the test says (or absent), served in reads of at most <c>chunk</c> bytes.</summary>
    private sealed class RawContent(byte[] body, long? declaredLength, int chunk) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = declaredLength ?? 0;
            return declaredLength is not null;
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ChunkedStream(body, chunk));
    }

    private sealed class ChunkedStream(byte[] body, int chunk) : Stream
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
            var n = Math.Min(Math.Min(buffer.Length, chunk), body.Length - _position);
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
