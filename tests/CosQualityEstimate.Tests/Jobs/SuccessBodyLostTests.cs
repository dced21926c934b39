using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>A 2xx whose body is lost (reset, timeout) means the service processed the submit: it is never resent.</summary>
public sealed class SuccessBodyLostTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);

    /// <summary>Answers POST /jobs with 200 and a body that breaks after a few bytes; answers the job list with no jobs.</summary>
    private sealed class BrokenBodyHandler : HttpMessageHandler
    {
        public int Posts { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                Posts++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream()) });
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<Response></Response>") });
        }
    }

    private sealed class BreakingStream : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_sent)
            {
                throw new IOException("Connection reset by peer.");
            }

            _sent = true;
            var head = "<Response><JobsDe"u8.ToArray();
            head.CopyTo(buffer, offset);
            return head.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Submit_SuccessStatusThenBodyReset_IsNeverResentAndSaysTheJobMayExist(bool useClientTokens)
    {
        var handler = new BrokenBodyHandler();
        using var http = new HttpClient(handler);
        var client = new JobsClient(http, new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDbodyLost000000000000000000000", "bodyLostSecret0000000000000000000"),
            TimeProvider = new AutoAdvanceTimeProvider(Start),
            UseClientTokens = useClientTokens,
            Retry = { ReconcileDelay = TimeSpan.FromMilliseconds(10) },
        });

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.Equal(1, handler.Posts);
        Assert.Equal(200, ex.Status);
        Assert.IsType<CosResponseFormatException>(ex.InnerException is AggregateException agg ? agg.InnerExceptions[0] : ex.InnerException);
    }
}
