using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Http;

/// <summary>
/// An unreadable 2xx answer (an empty 200 from a broken proxy, truncated XML) to an idempotent GET is retried like a body
/// lost in transit; the submit POST's unreadable answer is never resent.
/// </summary>
public sealed class UnreadableSuccessRetryTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);

    private sealed class SequenceHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
    {
        private int _calls;

        public List<string> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.Method.Method + " " + request.RequestUri!.AbsolutePath);
            return Task.FromResult(respond(request, _calls++));
        }
    }

    private static JobsClient Client(HttpMessageHandler handler, bool useClientTokens = false) => new(
        new HttpClient(handler),
        new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDunreadable000000000000000000", "unreadableSecret00000000000000000"),
            TimeProvider = new AutoAdvanceTimeProvider(Start),
            UseClientTokens = useClientTokens,
            Retry = { ReconcileDelay = TimeSpan.FromMilliseconds(10) },
        });

    private static HttpResponseMessage Ok(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") };

    private const string JobXml = "<Response><JobsDetail><JobId>j1</JobId><State>Running</State><Tag>QualityEstimate</Tag><Operation><UserData>cqe-token:order-42</UserData></Operation></JobsDetail></Response>";

    [Theory]
    [InlineData("")]
    [InlineData("<Response><JobsDetail><JobId>j1</Job")]
    [InlineData("<html>proxy</html>")]
    public async Task GetJob_UnreadableTwoHundredThenGoodAnswer_IsRetriedAndSucceeds(string unreadable)
    {
        var handler = new SequenceHandler((_, call) => Ok(call == 0 ? unreadable : JobXml));

        var job = await Client(handler).GetJobAsync("j1");

        Assert.Equal("j1", job.JobId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GetJob_UnreadableOnEveryAttempt_IsCosResponseFormatExceptionAfterTheRetries()
    {
        var handler = new SequenceHandler((_, _) => Ok(string.Empty));

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => Client(handler).GetJobAsync("j1"));

        Assert.Equal(200, ex.Status);
        Assert.Equal(4, handler.Requests.Count); // first attempt + MaxRetries (3)
    }

    [Fact]
    public async Task ListJobs_EmptyTwoHundredOnce_IsRetried()
    {
        var handler = new SequenceHandler((_, call) => Ok(call == 0 ? string.Empty : JobXml));

        var page = await Client(handler).GetJobsPageAsync(null);

        Assert.Equal("j1", Assert.Single(page.Jobs).JobId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Submit_EmptyTwoHundred_IsNeverResent_AndReconciliationSurvivesAnEmptyListAnswer()
    {
        // POST: an empty 200 (the job was probably created). Reconciliation's first list answer is empty too (a broken
        // proxy); the retried list finds the job by its token.
        var gets = 0;
        var handler = new SequenceHandler((request, _) => request.Method == HttpMethod.Post
            ? Ok(string.Empty)
            : Ok(gets++ == 0 ? string.Empty : JobXml));

        var job = await Client(handler).SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4") { ClientToken = "order-42" });

        Assert.Equal("j1", job.JobId);
        Assert.Equal(1, handler.Requests.Count(r => r.StartsWith("POST", StringComparison.Ordinal)));
        Assert.Equal(2, handler.Requests.Count(r => r.StartsWith("GET", StringComparison.Ordinal)));
    }
}
