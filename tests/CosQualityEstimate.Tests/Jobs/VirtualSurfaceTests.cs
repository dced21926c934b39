using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>
/// STYLE rule 13, "plumbing never calls the public virtual surface", for everything but the submit (covered in
/// <see cref="FindJobByClientTokenTests"/>): waits, list paging, <see cref="JobsClient.EstimateQualityAsync"/>,
/// callback confirmation and an operation's cancel reach the service through internal paths, so a subclass or mock that
/// overrides the virtual get/list/submit methods cannot change what they do. The service is a stub handler.
/// </summary>
public sealed class VirtualSurfaceTests
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

    /// <summary>
    /// A client whose public virtual get/list/submit/cancel methods throw: any internal flow that reaches one fails the
    /// test. <see cref="EstimateQualityAsync"/> throws too unless <see cref="AllowEstimate"/> (the method under test).
    /// </summary>
    private sealed class HostileClient(HttpClient http, JobsClientOptions options) : JobsClient(http, options)
    {
        public List<string> VirtualCalls { get; } = new();

        public bool AllowEstimate { get; init; }

        public override Task<JobDetail> GetJobAsync(string jobId, CancellationToken cancellationToken = default) => Hostile<JobDetail>(nameof(GetJobAsync));

        public override Task<JobsLookupResult> GetJobsAsync(IEnumerable<string> jobIds, CancellationToken cancellationToken = default) => Hostile<JobsLookupResult>(nameof(GetJobsAsync));

        public override Task<JobsPage> GetJobsPageAsync(ListJobsOptions? options, string? continuationToken = null, CancellationToken cancellationToken = default) => Hostile<JobsPage>(nameof(GetJobsPageAsync));

        public override Task<JobDetail> SubmitQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) => Hostile<JobDetail>(nameof(SubmitQualityEstimateJobAsync));

        public override Task<QualityEstimateOperation> StartQualityEstimateJobAsync(QualityEstimateJobRequest request, CancellationToken cancellationToken = default) => Hostile<QualityEstimateOperation>(nameof(StartQualityEstimateJobAsync));

        public override Task<JobDetail?> FindJobByClientTokenAsync(string objectKey, string clientToken, DateTimeOffset since, CancellationToken cancellationToken = default) => Hostile<JobDetail?>(nameof(FindJobByClientTokenAsync));

        public override Task CancelJobAsync(string jobId, CancellationToken cancellationToken = default) => Hostile<object>(nameof(CancelJobAsync));

        public override Task<QualityEstimateOutcome> EstimateQualityAsync(QualityEstimateJobRequest request, JobPollingOptions? polling = null, CancellationToken cancellationToken = default) =>
            AllowEstimate ? base.EstimateQualityAsync(request, polling, cancellationToken) : Hostile<QualityEstimateOutcome>(nameof(EstimateQualityAsync));

        private Task<T> Hostile<T>(string method)
        {
            lock (VirtualCalls)
            {
                VirtualCalls.Add(method);
            }

            throw new InvalidOperationException("plumbing called the public virtual " + method);
        }
    }

    /// <summary>An operation whose public virtual status check throws: the wait must not poll through it.</summary>
    private sealed class HostileOperation(JobsClient client, string jobId) : QualityEstimateOperation(client, jobId)
    {
        public int VirtualCalls { get; private set; }

        public override Task<JobDetail> UpdateStatusAsync(CancellationToken cancellationToken = default)
        {
            VirtualCalls++;
            throw new InvalidOperationException("the wait called the public virtual UpdateStatusAsync");
        }
    }

    private static JobsClientOptions Options() => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = new Uri("http://127.0.0.1:9/"),
        Credential = new CosCredential("AKIDvirtualSurface00000000000000", "virtualSurfaceSecret000000000000"),
        TimeProvider = new AutoAdvanceTimeProvider(Start),
    };

    private static string Job(string id, string state, string score = "") =>
        $"<JobsDetail><JobId>{id}</JobId><State>{state}</State><Tag>QualityEstimate</Tag><Input><Object>in/a.mp4</Object></Input>"
        + $"<Operation>{(score.Length > 0 ? $"<QualityEstimate><Score>{score}</Score></QualityEstimate>" : string.Empty)}</Operation></JobsDetail>";

    private static HttpResponseMessage Xml(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") };

    /// <summary>Answers a submit with j1 Submitted, and the first <paramref name="running"/> describes of j1 with Running, then Success.</summary>
    private static StubHandler JobThatFinishesAfter(int running)
    {
        var polls = 0;
        return new StubHandler(r => r.Method == HttpMethod.Post
            ? Xml("<Response>" + Job("j1", "Submitted") + "</Response>")
            : Xml("<Response>" + (Interlocked.Increment(ref polls) <= running ? Job("j1", "Running") : Job("j1", "Success", "87.5")) + "</Response>"));
    }

    [Fact]
    public async Task ClientWaitForCompletion_PollsThroughTheInternalPath_NotTheVirtualGetJob()
    {
        var handler = JobThatFinishesAfter(running: 2);
        var client = new HostileClient(new HttpClient(handler), Options());

        var job = await client.WaitForCompletionAsync("j1");

        Assert.Equal(JobState.Success, job.State);
        Assert.Equal(3, handler.Requests.Count(r => r == "GET /jobs/j1"));
        Assert.Empty(client.VirtualCalls);
    }

    [Fact]
    public async Task OperationWaitForCompletion_EveryOverload_PollsThroughTheInternalPath_NotUpdateStatusOrGetJob()
    {
        var handler = JobThatFinishesAfter(running: 1);
        var client = new HostileClient(new HttpClient(handler), Options());
        var operation = new HostileOperation(client, "j1");

        var outcome = await operation.WaitForCompletionAsync(new JobPollingOptions { InitialInterval = TimeSpan.FromSeconds(1) });
        var again = await new HostileOperation(client, "j1").WaitForCompletionAsync();
        var fixedInterval = await new HostileOperation(client, "j1").WaitForCompletionAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(87.5, outcome.Score);
        Assert.Equal(87.5, again.Score);
        Assert.Equal(87.5, fixedInterval.Score);
        Assert.Equal(JobState.Success, operation.LastKnownJob?.State);
        Assert.Equal(0, operation.VirtualCalls);
        Assert.Empty(client.VirtualCalls);
    }

    [Fact]
    public async Task OperationUpdateStatus_UsesTheInternalPath_NotTheClientsVirtualGetJob()
    {
        var client = new HostileClient(new HttpClient(JobThatFinishesAfter(running: 5)), Options());
        var operation = new QualityEstimateOperation(client, "j1");

        var job = await operation.UpdateStatusAsync();

        Assert.Equal(JobState.Running, job.State);
        Assert.Same(job, operation.LastKnownJob);
        Assert.Empty(client.VirtualCalls);
    }

    [Fact]
    public async Task OperationCancel_UsesTheInternalPath_NotTheClientsVirtualCancelJob()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Empty) });
        var client = new HostileClient(new HttpClient(handler), Options());

        await new QualityEstimateOperation(client, "j1").CancelAsync();

        Assert.Equal("PUT /jobs/j1?cancel", Assert.Single(handler.Requests));
        Assert.Empty(client.VirtualCalls);
    }

    [Fact]
    public async Task ListJobs_PagesThroughTheInternalPath_NotTheVirtualGetJobsPage()
    {
        var handler = new StubHandler(r => r.RequestUri!.Query.Contains("nextToken=p2", StringComparison.Ordinal)
            ? Xml("<Response>" + Job("j2", "Success") + "</Response>")
            : Xml("<Response>" + Job("j1", "Running") + "<NextToken>p2</NextToken></Response>"));
        var client = new HostileClient(new HttpClient(handler), Options());

        var ids = new List<string>();
        await foreach (var job in client.ListJobsAsync())
        {
            ids.Add(job.JobId);
        }

        Assert.Equal(new[] { "j1", "j2" }, ids);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Empty(client.VirtualCalls);
    }

    [Fact]
    public async Task EstimateQuality_SubmitsAndWaitsThroughInternalPaths_NotTheVirtualSubmitStartOrGetJob()
    {
        var handler = JobThatFinishesAfter(running: 2);
        var client = new HostileClient(new HttpClient(handler), Options()) { AllowEstimate = true };

        var outcome = await client.EstimateQualityAsync(new QualityEstimateJobRequest("in/a.mp4"));

        Assert.Equal(87.5, outcome.Score);
        Assert.Single(handler.Requests, r => r.StartsWith("POST /jobs", StringComparison.Ordinal));
        Assert.Equal(3, handler.Requests.Count(r => r == "GET /jobs/j1"));
        Assert.Empty(client.VirtualCalls);
    }

    [Fact]
    public async Task ConfirmCallback_LooksUpThroughTheInternalPath_NotTheVirtualGetJobs()
    {
        var handler = new StubHandler(_ => Xml("<Response>" + Job("j1", "Success", "90") + "</Response>"));
        var client = new HostileClient(new HttpClient(handler), Options());
        var callback = CosQualityEstimateModelFactory.JobCallback(jobs: new[] { CosQualityEstimateModelFactory.JobDetail(jobId: "j1", state: JobState.Success) });

        var confirmed = await client.ConfirmCallbackAsync(callback);

        Assert.Equal("j1", Assert.Single(confirmed.Jobs).JobId);
        Assert.Equal("GET /jobs/j1", Assert.Single(handler.Requests));
        Assert.Empty(client.VirtualCalls);
    }
}
