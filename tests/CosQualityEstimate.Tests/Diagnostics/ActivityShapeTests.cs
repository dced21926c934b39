using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Diagnostics;

/// <summary>
/// One activity per public call, with its HTTP attempts, polls and reconciliation look-ups as children. Each test runs
/// under its own parent activity and keeps only the activities of that trace, so tests running in parallel do not mix.
/// </summary>
public sealed class ActivityShapeTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private static readonly ActivitySource TestSource = new("CosQualityEstimate.Tests.ActivityShape");

    private readonly ConcurrentBag<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityShapeTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CosDiagnostics.Name or "CosQualityEstimate.Tests.ActivityShape",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }

    private static JobsClient Client(Func<HttpRequestMessage, HttpResponseMessage> respond) => new(
        new HttpClient(new StubHandler(respond)),
        new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDactivityShape000000000000000", "activityShapeSecret00000000000000"),
            TimeProvider = new AutoAdvanceTimeProvider(Start),
            Retry = { ReconcileDelay = TimeSpan.FromMilliseconds(10) },
        });

    private static HttpResponseMessage Ok(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") };

    private static string Job(string state, string userData = "") =>
        $"<Response><JobsDetail><JobId>j1</JobId><State>{state}</State><Tag>QualityEstimate</Tag><Operation><UserData>{userData}</UserData><QualityEstimate><Score>8</Score></QualityEstimate></Operation></JobsDetail></Response>";

    /// <summary>Runs <paramref name="call"/> under a test parent and returns the library's activities of that trace.</summary>
    private async Task<(Activity Root, List<Activity> Ours)> TraceAsync(Func<Task> call)
    {
        using (var parent = TestSource.StartActivity("test"))
        {
            Assert.NotNull(parent);
            await call();
        }

        var testRoot = _stopped.Single(a => a.Source == TestSource && a.OperationName == "test" && a.Parent is null && _stopped.Any(c => c.ParentSpanId == a.SpanId));
        var ours = _stopped.Where(a => a.TraceId == testRoot.TraceId && a.Source.Name == CosDiagnostics.Name).ToList();
        var root = Assert.Single(ours, a => a.ParentSpanId == testRoot.SpanId);
        return (root, ours);
    }

    private static bool IsDescendant(Activity activity, Activity ancestor, List<Activity> all)
    {
        var current = activity;
        while (current.ParentSpanId != default)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            var parent = all.FirstOrDefault(a => a.SpanId == current.ParentSpanId);
            if (parent is null)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    [Fact]
    public async Task GetJob_OneCallActivity_WithItsHttpAttemptsAsChildren()
    {
        var calls = 0;
        var client = Client(_ => Ok(Interlocked.Increment(ref calls) == 1 ? string.Empty : Job("Running")));

        var (root, ours) = await TraceAsync(() => client.GetJobAsync("j1"));

        Assert.Equal("JobsClient.GetJob", root.OperationName);
        var attempts = ours.Where(a => a.OperationName == "CosQualityEstimate.GetJob").ToList();
        Assert.Equal(2, attempts.Count); // the unreadable answer and its retry
        Assert.All(attempts, a => Assert.Equal(root.SpanId, a.ParentSpanId));
        Assert.All(attempts, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.Equal(ActivityStatusCode.Error, attempts.OrderBy(a => a.StartTimeUtc).First().Status);
    }

    [Fact]
    public async Task EstimateQuality_SubmitAndPolls_AreDescendantsOfOneRootActivity()
    {
        var polls = 0;
        var client = Client(r => r.Method == HttpMethod.Post
            ? Ok(Job("Submitted"))
            : Ok(Interlocked.Increment(ref polls) < 3 ? Job("Running") : Job("Success")));

        var (root, ours) = await TraceAsync(() => client.EstimateQualityAsync(new QualityEstimateJobRequest("in/a.mp4")));

        Assert.Equal("JobsClient.EstimateQuality", root.OperationName);
        Assert.All(ours.Where(a => a != root), a => Assert.True(IsDescendant(a, root, ours), a.OperationName + " is not under the call"));
        Assert.Single(ours, a => a.OperationName == "CosQualityEstimate.SubmitJob");
        Assert.Equal(3, ours.Count(a => a.OperationName == "CosQualityEstimate.GetJob"));
        var wait = Assert.Single(ours, a => a.OperationName == "QualityEstimateOperation.WaitForCompletion");
        Assert.Equal(root.SpanId, wait.ParentSpanId);
        Assert.All(ours.Where(a => a.OperationName == "CosQualityEstimate.GetJob"), poll => Assert.True(IsDescendant(poll, wait, ours)));
    }

    [Fact]
    public async Task Submit_Reconciliation_LooksAreChildrenOfTheSubmitActivity()
    {
        var client = Client(r => r.Method == HttpMethod.Post
            ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset")
            : Ok(Job("Submitted", "cqe-token:order-42")));

        var (root, ours) = await TraceAsync(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4") { ClientToken = "order-42" }));

        Assert.Equal("JobsClient.SubmitQualityEstimateJob", root.OperationName);
        var attempt = Assert.Single(ours, a => a.OperationName == "CosQualityEstimate.SubmitJob");
        Assert.Equal(root.SpanId, attempt.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, attempt.Status);
        var look = Assert.Single(ours, a => a.OperationName == "JobsClient.ReconcileLookup");
        Assert.Equal(root.SpanId, look.ParentSpanId);
        var list = Assert.Single(ours, a => a.OperationName == "CosQualityEstimate.ListJobs");
        Assert.Equal(look.SpanId, list.ParentSpanId);
    }

    [Fact]
    public async Task EstimateQuality_IsTheOnlyCallActivity_PollsAreAttemptsUnderTheWait()
    {
        var polls = 0;
        var client = Client(r => r.Method == HttpMethod.Post
            ? Ok(Job("Submitted"))
            : Ok(Interlocked.Increment(ref polls) < 3 ? Job("Running") : Job("Success")));

        var (root, ours) = await TraceAsync(() => client.EstimateQualityAsync(new QualityEstimateJobRequest("in/a.mp4")));

        // No nested JobsClient.StartQualityEstimateJob / SubmitQualityEstimateJob / GetJob: the call's plumbing runs on internal paths.
        Assert.Equal(root, Assert.Single(ours, a => a.OperationName.StartsWith("JobsClient.", StringComparison.Ordinal)));
        Assert.Equal(root.SpanId, Assert.Single(ours, a => a.OperationName == "CosQualityEstimate.SubmitJob").ParentSpanId);
        var wait = Assert.Single(ours, a => a.OperationName == "QualityEstimateOperation.WaitForCompletion");
        Assert.All(ours.Where(a => a.OperationName == "CosQualityEstimate.GetJob"), poll => Assert.Equal(wait.SpanId, poll.ParentSpanId));
    }

    [Fact]
    public async Task WaitForCompletion_OneCallActivity_EachPollAnAttemptChild()
    {
        var polls = 0;
        var client = Client(_ => Ok(Interlocked.Increment(ref polls) < 3 ? Job("Running") : Job("Success")));

        var (root, ours) = await TraceAsync(() => client.WaitForCompletionAsync("j1"));

        Assert.Equal("JobsClient.WaitForCompletion", root.OperationName);
        var attempts = ours.Where(a => a.OperationName == "CosQualityEstimate.GetJob").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(root.SpanId, a.ParentSpanId));
        Assert.Equal(4, ours.Count);
    }

    [Fact]
    public async Task ConfirmCallback_OneCallActivity_WithTheLookupAttemptAsChild()
    {
        var client = Client(_ => Ok(Job("Success")));
        var callback = CosQualityEstimateModelFactory.JobCallback(jobs: new[] { CosQualityEstimateModelFactory.JobDetail(jobId: "j1", state: JobState.Success) });

        var (root, ours) = await TraceAsync(() => client.ConfirmCallbackAsync(callback));

        Assert.Equal("JobsClient.ConfirmCallback", root.OperationName);
        var attempt = Assert.Single(ours, a => a != root);
        Assert.Equal("CosQualityEstimate.GetJobs", attempt.OperationName);
        Assert.Equal(root.SpanId, attempt.ParentSpanId);
    }

    [Fact]
    public async Task ListJobs_EachPageOneCallActivity_WithItsListAttemptAsChild()
    {
        var client = Client(_ => Ok(Job("Success")));

        var (root, ours) = await TraceAsync(async () =>
        {
            await foreach (var job in client.ListJobsAsync())
            {
                Assert.Equal("j1", job.JobId);
            }
        });

        Assert.Equal("JobsClient.GetJobsPage", root.OperationName);
        var attempt = Assert.Single(ours, a => a != root);
        Assert.Equal("CosQualityEstimate.ListJobs", attempt.OperationName);
        Assert.Equal(root.SpanId, attempt.ParentSpanId);
    }
}
