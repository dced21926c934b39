using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>
/// <see cref="JobsClient.FindJobByClientTokenAsync"/> (the crash-safe resume look-up) and the rule that submit safety
/// calls internal get/list paths, never the public virtual ones.
/// </summary>
public sealed class FindJobByClientTokenTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<string> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request.Method.Method + " " + request.RequestUri!.PathAndQuery);
            }

            return Task.FromResult(respond(request));
        }
    }

    /// <summary>A client whose public virtual get/list methods must never be reached by plumbing.</summary>
    private sealed class HostileClient(HttpClient http, JobsClientOptions options) : JobsClient(http, options)
    {
        public int VirtualCalls { get; private set; }

        public override Task<JobDetail> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
        {
            VirtualCalls++;
            throw new InvalidOperationException("plumbing called the public virtual GetJobAsync");
        }

        public override Task<JobsPage> GetJobsPageAsync(ListJobsOptions? options, string? continuationToken = null, CancellationToken cancellationToken = default)
        {
            VirtualCalls++;
            throw new InvalidOperationException("plumbing called the public virtual GetJobsPageAsync");
        }

        public override Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default)
        {
            VirtualCalls++;
            throw new InvalidOperationException("plumbing called the public virtual FindJobByClientTokenAsync");
        }
    }

    private static JobsClientOptions Options(bool useClientTokens = false) => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = new Uri("http://127.0.0.1:9/"),
        Credential = new CosCredential("AKIDfindByToken00000000000000000", "findByTokenSecret0000000000000000"),
        TimeProvider = new AutoAdvanceTimeProvider(Start),
        UseClientTokens = useClientTokens,
        Retry = { ReconcileDelay = TimeSpan.FromMilliseconds(10) },
    };

    private static string Job(string id, string userData) =>
        $"<JobsDetail><JobId>{id}</JobId><State>Submitted</State><Tag>QualityEstimate</Tag><Input><Object>in/a.mp4</Object></Input><Operation><UserData>{userData}</UserData></Operation></JobsDetail>";

    private static HttpResponseMessage Xml(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") };

    [Fact]
    public async Task Find_JobCarryingTheToken_ReturnsItAndAsksForTheObjectSinceTheTime()
    {
        var handler = new StubHandler(_ => Xml("<Response>" + Job("j1", "mine cqe-token:other") + Job("j2", "mine cqe-token:order-42") + "</Response>"));
        var client = new JobsClient(new HttpClient(handler), Options());

        var job = await client.FindJobByClientTokenAsync("in/a.mp4", "order-42", Start.AddHours(-1));

        Assert.Equal("j2", job?.JobId);
        Assert.Equal("order-42", job?.ClientToken);
        Assert.Equal("mine", job?.UserData);
        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("GET /jobs?tag=QualityEstimate", request, StringComparison.Ordinal);
        Assert.Contains("inputObject=in%2Fa.mp4", request, StringComparison.Ordinal);
        Assert.Contains("startCreationTime=", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_TokenOnALaterPage_FollowsTheContinuationToken()
    {
        var handler = new StubHandler(r => r.RequestUri!.Query.Contains("nextToken=p2", StringComparison.Ordinal)
            ? Xml("<Response>" + Job("j9", "cqe-token:order-42") + "</Response>")
            : Xml("<Response>" + Job("j1", "cqe-token:other") + "<NextToken>p2</NextToken></Response>"));
        var client = new JobsClient(new HttpClient(handler), Options());

        var job = await client.FindJobByClientTokenAsync("in/a.mp4", "order-42", Start.AddHours(-1));

        Assert.Equal("j9", job?.JobId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Find_NoJobCarriesTheToken_ReturnsNull()
    {
        var handler = new StubHandler(_ => Xml("<Response>" + Job("j1", "cqe-token:other") + "</Response>"));
        var client = new JobsClient(new HttpClient(handler), Options());

        Assert.Null(await client.FindJobByClientTokenAsync("in/a.mp4", "order-42", Start.AddHours(-1)));
    }

    [Theory]
    [InlineData("", "order-42", "objectKey")]
    [InlineData("   ", "order-42", "objectKey")]
    [InlineData("in/a.mp4", "", "clientToken")]
    [InlineData("in/a.mp4", "has space", "clientToken")]
    [InlineData("in/a.mp4", "cqe-token:x", "clientToken")]
    public async Task Find_InvalidArguments_ThrowBeforeAnythingIsSent(string objectKey, string token, string parameter)
    {
        var handler = new StubHandler(_ => throw new InvalidOperationException("nothing may be sent"));
        var client = new JobsClient(new HttpClient(handler), Options());

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.FindJobByClientTokenAsync(objectKey, token, Start));

        Assert.Equal(parameter, ex.ParamName);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Submit_AmbiguousFailureWithToken_ReconcilesThroughInternalPathsNotTheVirtualOnes()
    {
        var handler = new StubHandler(r => r.Method == HttpMethod.Post
            ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset after sending")
            : Xml("<Response>" + Job("j7", "cqe-token:order-42") + "</Response>"));
        var client = new HostileClient(new HttpClient(handler), Options());

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4") { ClientToken = "order-42" });

        Assert.Equal("j7", job.JobId);
        Assert.Equal(0, client.VirtualCalls);
        Assert.Equal(1, handler.Requests.Count(r => r.StartsWith("POST", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Submit_UnreadableAnswerNamingTheJob_RecoversThroughTheInternalGetNotTheVirtualOne()
    {
        var handler = new StubHandler(r => r.Method == HttpMethod.Post
            ? Xml("<Response><JobsDetail><JobId>j8</JobId><State>Subm")
            : Xml("<Response>" + Job("j8", "x") + "</Response>"));
        var client = new HostileClient(new HttpClient(handler), Options());

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4"));

        Assert.Equal("j8", job.JobId);
        Assert.Equal(0, client.VirtualCalls);
        Assert.Contains("GET /jobs/j8", handler.Requests);
    }
}
