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
/// Every public call of both clients runs in one activity named <c>JobsClient.&lt;Call&gt;</c> or
/// <c>ObjectsClient.&lt;Call&gt;</c>, and a failed call marks it Error (issue 13: submit, start, estimate, get-jobs and
/// cancel never did; the object client's head, delete and list had no call activity).
/// </summary>
public sealed class CallScopeTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private static readonly ActivitySource TestSource = new("CosQualityEstimate.Tests.CallScope");
    private static readonly string Video = Path.Combine(Path.GetTempPath(), "cosqe-call-scope-" + Environment.ProcessId + ".mp4");

    private readonly ConcurrentBag<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public CallScopeTests()
    {
        File.WriteAllBytes(Video, new byte[1000]);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CosDiagnostics.Name or "CosQualityEstimate.Tests.CallScope",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Video);
    }

    /// <summary>A service that refuses everything: 403 AccessDenied (not retried, not a credential refresh).</summary>
    private static JobsClient RefusingClient() => new(
        new HttpClient(new ScriptedHandler((_, _) => ScriptedHandler.Xml("<Error><Code>AccessDenied</Code><Message>denied</Message><RequestId>r</RequestId></Error>", HttpStatusCode.Forbidden))),
        new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDcallScope0000000000000000000", "callScopeSecret00000000000000000"),
            TimeProvider = new AutoAdvanceTimeProvider(Start),
        });

    private static readonly QualityEstimateJobRequest Request = new("input/a.mp4");

    public static TheoryData<string, Func<JobsClient, Task>> FailingCalls => new()
    {
        { "JobsClient.SubmitQualityEstimateJob", c => c.SubmitQualityEstimateJobAsync(Request) },
        { "JobsClient.StartQualityEstimateJob", c => c.StartQualityEstimateJobAsync(Request) },
        { "JobsClient.EstimateQuality", c => c.EstimateQualityAsync(Request) },
        { "JobsClient.EstimateFileQuality", c => c.EstimateFileQualityAsync(Video) },
        { "JobsClient.GetJob", c => c.GetJobAsync("j1") },
        { "JobsClient.GetJobs", c => c.GetJobsAsync(["j1", "j2"]) },
        { "JobsClient.GetJobsPage", c => c.GetJobsPageAsync(null) },
        { "JobsClient.GetJobsPage", async c => await c.ListJobsAsync().FirstOrDefaultAsync() },
        { "JobsClient.FindJobByClientToken", c => c.FindJobByClientTokenAsync("input/a.mp4", "token-1", Start.AddHours(-1)) },
        { "JobsClient.ConfirmCallback", c => c.ConfirmCallbackAsync(JobCallback.Parse("<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>j1</JobId></JobsDetail></Response>")) },
        { "JobsClient.CancelJob", c => c.CancelJobAsync("j1") },
        { "JobsClient.WaitForCompletion", c => c.WaitForCompletionAsync("j1") },
        { "ObjectsClient.UploadFile", c => c.Objects.UploadFileAsync(Video, "videos/a.mp4") },
        { "ObjectsClient.GetObjectProperties", c => c.Objects.GetObjectPropertiesAsync("videos/a.mp4") },
        { "ObjectsClient.DeleteObject", c => c.Objects.DeleteObjectAsync("videos/a.mp4") },
        { "ObjectsClient.GetObjectsPage", c => c.Objects.GetObjectsPageAsync("videos/") },
        { "ObjectsClient.GetObjectsPage", async c => await c.Objects.ListObjectsAsync("videos/").FirstOrDefaultAsync() },
    };

    [Theory]
    [MemberData(nameof(FailingCalls))]
    public async Task FailedPublicCall_OneCallActivityNamedAfterTheClient_MarkedError(string name, Func<JobsClient, Task> call)
    {
        using var client = RefusingClient();
        using (var parent = TestSource.StartActivity("test"))
        {
            Assert.NotNull(parent);
            await Assert.ThrowsAnyAsync<CosException>(() => call(client));
        }

        var testRoot = _stopped.Single(a => a.Source == TestSource && a.Parent is null && _stopped.Any(c => c.ParentSpanId == a.SpanId));
        var ours = _stopped.Where(a => a.TraceId == testRoot.TraceId && a.Source.Name == CosDiagnostics.Name).ToList();
        var root = Assert.Single(ours, a => a.ParentSpanId == testRoot.SpanId);
        Assert.Equal(name, root.OperationName);
        Assert.Equal(ActivityStatusCode.Error, root.Status);
        Assert.Contains("403", root.StatusDescription, StringComparison.Ordinal);
        Assert.All(ours.Where(a => a != root), a => Assert.NotEqual(testRoot.SpanId, a.ParentSpanId)); // attempts are children of the call
    }
}
