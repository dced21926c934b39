using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>Get, list, cancel and wait against WireMock on 127.0.0.1: exact requests, signatures, parsing.</summary>
public sealed class JobLifecycleContractTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private static string Job(string id, string state, string extra = "") =>
        $"<JobsDetail><Code>Success</Code><Message/><JobId>{id}</JobId><State>{state}</State><CreationTime>2026-11-25T16:00:00+0800</CreationTime><StartTime>-</StartTime><EndTime>-</EndTime><Tag>QualityEstimate</Tag>{extra}</JobsDetail>";

    private static string Body(params string[] parts) => "<Response>" + string.Concat(parts) + "</Response>";

    private void Respond(IRequestBuilder request, string body, int status = 200) =>
        _service.Server.Given(request).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/xml").WithBody(body));

    private void AssertSigned(WireMock.Logging.ILogEntry entry, string decodedPath)
    {
        var message = entry.RequestMessage;
        var headers = message.Headers!.ToDictionary(h => h.Key, h => h.Value.Single(), StringComparer.OrdinalIgnoreCase);
        var query = ParseQuery(message.RawQuery);
        Assert.True(ReferenceSigner.Verify(WireMockService.Credential, headers["Authorization"], message.Method, decodedPath, query, headers));
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string? raw) =>
        string.IsNullOrEmpty(raw)
            ? new()
            : raw.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")).ToList();

    [Fact]
    public async Task GetJob_KnownJob_SendsSignedGetAndParsesTheJob()
    {
        Respond(Request.Create().WithPath("/jobs/j1").UsingGet(), Body(Job("j1", "Running")));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync("j1");

        Assert.Equal(JobState.Running, job.State);
        var entry = Assert.Single(_service.Requests);
        Assert.Equal("GET", entry.RequestMessage.Method);
        AssertSigned(entry, "/jobs/j1");
    }

    [Fact]
    public async Task GetJob_ServiceReportsNonExistJobIds_ThrowsJobNotFound()
    {
        Respond(Request.Create().WithPath("/jobs/jmissing").UsingGet(), Body("<NonExistJobIds>jmissing</NonExistJobIds>"));
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<JobNotFoundException>(() => client.GetJobAsync("jmissing"));

        Assert.Equal("jmissing", ex.JobId);
        Assert.Equal("NonExistJobIds", ex.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("j1/../x")]
    [InlineData("j1,j2")]
    [InlineData("j 1")]
    public async Task GetJob_InvalidId_ThrowsBeforeSending(string id)
    {
        var client = _service.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetJobAsync(id));

        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task GetJobs_SeveralIds_OneCommaSeparatedRequestWithFoundAndMissing()
    {
        Respond(Request.Create().WithPath("/jobs/j1,j2,j3").UsingGet(), Body(Job("j1", "Success"), Job("j3", "Failed"), "<NonExistJobIds>j2</NonExistJobIds>"));
        var client = _service.CreateClient();

        var result = await client.GetJobsAsync(new[] { "j1", "j2", "j3", "j1" });

        Assert.Equal(new[] { "j1", "j3" }, result.Jobs.Select(j => j.JobId));
        Assert.Equal(new[] { "j2" }, result.NonExistentJobIds);
        var entry = Assert.Single(_service.Requests);
        AssertSigned(entry, "/jobs/j1,j2,j3");
    }

    [Fact]
    public async Task GetJobs_MoreThanFiftyIds_SplitsIntoChunks()
    {
        _service.Server.Given(Request.Create().WithPath(new RegexMatcher("^/jobs/.+")).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Body()));
        var client = _service.CreateClient();
        var ids = Enumerable.Range(0, 120).Select(i => $"j{i:D3}").ToList();

        await client.GetJobsAsync(ids);

        var counts = _service.Requests.Select(r => r.RequestMessage.Path["/jobs/".Length..].Split(',').Length).OrderByDescending(c => c).ToList();
        Assert.Equal(new[] { 50, 50, 20 }, counts);
    }

    [Fact]
    public async Task ListJobs_AllFilters_SendsTheDocumentedQueryAndSignsIt()
    {
        Respond(Request.Create().WithPath("/jobs").UsingGet(), Body(Job("j1", "Success")));
        var client = _service.CreateClient();
        var options = new ListJobsOptions
        {
            QueueId = "p2242ab62c7c94486915508540933a2c6",
            PageSize = 50,
            Order = JobSortOrder.Ascending,
            StartCreationTime = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)),
            EndCreationTime = new DateTimeOffset(2001, 1, 1, 23, 59, 59, TimeSpan.FromHours(8)),
            InputObject = "视频/a b.mp4",
        };
        options.States.Add(JobState.Success);
        options.States.Add(JobState.Failed);

        var page = await client.GetJobsPageAsync(options);

        Assert.Single(page.Jobs);
        Assert.Null(page.ContinuationToken);
        var entry = Assert.Single(_service.Requests);
        var query = ParseQuery(entry.RequestMessage.RawQuery).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("QualityEstimate", query["tag"]);
        Assert.Equal("p2242ab62c7c94486915508540933a2c6", query["queueId"]);
        Assert.Equal("Success,Failed", query["states"]);
        Assert.Equal("50", query["size"]);
        Assert.Equal("Asc", query["orderByTime"]);
        Assert.Equal("2001-01-01T00:00:00+0800", query["startCreationTime"]);
        Assert.Equal("2001-01-01T23:59:59+0800", query["endCreationTime"]);
        Assert.Equal("视频/a b.mp4", query["inputObject"]);
        AssertSigned(entry, "/jobs");
    }

    [Fact]
    public async Task ListJobs_ThreePages_FollowsNextTokenAcrossPages()
    {
        Respond(Request.Create().WithPath("/jobs").WithParam("nextToken", MatchBehaviour.RejectOnMatch).UsingGet(), Body(Job("j1", "Success"), Job("j2", "Success"), "<NextToken>t2</NextToken>"));
        Respond(Request.Create().WithPath("/jobs").WithParam("nextToken", "t2").UsingGet(), Body(Job("j3", "Success"), "<NextToken>t3</NextToken>"));
        Respond(Request.Create().WithPath("/jobs").WithParam("nextToken", "t3").UsingGet(), Body(Job("j4", "Failed"), "<NextToken></NextToken>"));
        var client = _service.CreateClient();

        var ids = new List<string>();
        await foreach (var job in client.ListJobsAsync(new ListJobsOptions { PageSize = 2 }))
        {
            ids.Add(job.JobId);
        }

        Assert.Equal(new[] { "j1", "j2", "j3", "j4" }, ids);
        Assert.Equal(3, _service.Requests.Count);
    }

    [Fact]
    public async Task ListJobs_AsPagesFromAToken_ResumesWhereTheUserLeftOff()
    {
        Respond(Request.Create().WithPath("/jobs").WithParam("nextToken", "t3").UsingGet(), Body(Job("j4", "Failed")));
        var client = _service.CreateClient();

        var pages = new List<JobsPage>();
        await foreach (var page in client.ListJobsAsync().AsPages("t3"))
        {
            pages.Add(page);
        }

        var single = Assert.Single(pages);
        Assert.Equal("j4", single.Jobs.Single().JobId);
        Assert.Null(single.ContinuationToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ListJobs_PageSizeOutOfRange_ThrowsArgumentOutOfRange(int size)
    {
        var client = _service.CreateClient();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => client.ListJobsAsync(new ListJobsOptions { PageSize = size }));

        Assert.Equal("options.PageSize", ex.ParamName);
    }

    [Fact]
    public async Task CancelJob_SendsPutWithSignedCancelParameter()
    {
        Respond(Request.Create().WithPath("/jobs/j1").WithParam("cancel").UsingPut(), string.Empty);
        var client = _service.CreateClient();

        await client.CancelJobAsync("j1");

        var entry = Assert.Single(_service.Requests);
        Assert.Equal("PUT", entry.RequestMessage.Method);
        Assert.Equal("?cancel", entry.RequestMessage.RawQuery);
        Assert.Contains("q-url-param-list=cancel&", entry.RequestMessage.Headers!["Authorization"].Single(), StringComparison.Ordinal);
        AssertSigned(entry, "/jobs/j1");
    }

    [Fact]
    public async Task CancelJob_ServiceRefuses_ThrowsJobCancellationRefused()
    {
        Respond(Request.Create().WithPath("/jobs/j1").UsingPut(), "<Error><Code>FailedOperation</Code><Message>job j1 is Running</Message><RequestId>r1</RequestId></Error>", 400);
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<JobCancellationRefusedException>(() => client.CancelJobAsync("j1"));

        Assert.Equal("j1", ex.JobId);
        Assert.Equal("FailedOperation", ex.ErrorCode);
        Assert.Equal("r1", ex.RequestId);
        Assert.Contains("Submitted or Pause", ex.Message, StringComparison.Ordinal);
    }

    private void RespondInSequence(string path, params string[] bodies)
    {
        for (var i = 0; i < bodies.Length; i++)
        {
            var builder = _service.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario(path);
            var state = i == 0 ? builder : builder.WhenStateIs($"s{i}");
            var next = i < bodies.Length - 1 ? state.WillSetStateTo($"s{i + 1}") : state;
            next.RespondWith(Response.Create().WithStatusCode(200).WithBody(bodies[i]));
        }
    }

    [Fact]
    public async Task WaitForCompletion_SubmittedPauseRunningSuccess_ReturnsTheFinalJobWithGrowingIntervals()
    {
        RespondInSequence("/jobs/j1",
            Body(Job("j1", "Submitted")), Body(Job("j1", "Pause")), Body(Job("j1", "Running")), Body(Job("j1", "Running")),
            Body(Job("j1", "Success", "<Operation><QualityEstimate><Score>8.5</Score></QualityEstimate></Operation>")));
        var time = new AutoAdvanceTimeProvider(Start);
        var client = _service.CreateClient(time);

        var job = await client.WaitForCompletionAsync("j1", new JobPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), BackoffFactor = 2, MaxInterval = TimeSpan.FromSeconds(5) });

        Assert.Equal(JobState.Success, job.State);
        Assert.Equal(8.5, job.QualityEstimate!.Score);
        Assert.Equal(5, _service.Requests.Count);
        Assert.Equal(new[] { 1, 2, 4, 5 }.Select(s => TimeSpan.FromSeconds(s)), time.Delays);
    }

    [Fact]
    public async Task WaitForCompletion_FailedJob_ReturnsItWithCodeAndMessage()
    {
        RespondInSequence("/jobs/j1", Body(Job("j1", "Running")), Body("<JobsDetail><Code>InputFileNotExist</Code><Message>input file not exist</Message><JobId>j1</JobId><State>Failed</State></JobsDetail>"));
        var client = _service.CreateClient(new AutoAdvanceTimeProvider(Start));

        var job = await client.WaitForCompletionAsync("j1");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("InputFileNotExist", job.Code);
        Assert.Equal("input file not exist", job.Message);
    }

    [Fact]
    public async Task WaitForCompletion_NeverFinishes_ThrowsTimeoutCarryingTheJobId()
    {
        Respond(Request.Create().WithPath("/jobs/j1").UsingGet(), Body(Job("j1", "Running")));
        var time = new AutoAdvanceTimeProvider(Start);
        var client = _service.CreateClient(time);

        var ex = await Assert.ThrowsAsync<JobWaitTimeoutException>(() =>
            client.WaitForCompletionAsync("j1", new JobPollingOptions { Timeout = TimeSpan.FromMinutes(2), MaxInterval = TimeSpan.FromSeconds(30) }));

        Assert.Equal("j1", ex.JobId);
        Assert.Equal(JobState.Running, ex.LastKnownJob!.State);
        Assert.Equal(Start + TimeSpan.FromMinutes(2), time.GetUtcNow());
    }

    [Fact]
    public async Task WaitForCompletion_TokenCancelled_StopsWithOperationCanceled()
    {
        Respond(Request.Create().WithPath("/jobs/j1").UsingGet(), Body(Job("j1", "Running")));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var client = _service.CreateClient(time);
        using var cts = new CancellationTokenSource();

        var wait = client.WaitForCompletionAsync("j1", cancellationToken: cts.Token);
        while (_service.Requests.Count == 0)
        {
            await Task.Yield();
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task EstimateQuality_SubmitThenSuccess_ReturnsScoreAndFindings()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost()).RespondWith(Response.Create().WithBody(Body(Job("j9", "Submitted"))));
        RespondInSequence("/jobs/j9", Body(Job("j9", "Running")),
            Body(Job("j9", "Success", "<Operation><QualityEstimate><Score>5.2</Score><VqaPlusResult><NoAudio>true</NoAudio><DetailedResult><Type>Noise</Type><Items><Confidence>70</Confidence></Items></DetailedResult></VqaPlusResult></QualityEstimate></Operation>")));
        var client = _service.CreateClient(new AutoAdvanceTimeProvider(Start));

        var outcome = await client.EstimateQualityAsync(new QualityEstimateJobRequest("a.mp4") { Mode = QualityEstimateMode.VqaPlus });

        Assert.Equal("j9", outcome.JobId);
        Assert.Equal(5.2, outcome.Score);
        Assert.False(outcome.IsGoodQuality);
        Assert.True(outcome.VqaPlus!.NoAudio);
        Assert.Equal(QualityIssueType.Noise, outcome.VqaPlus.DetailedResults.Single().Type);
    }

    [Fact]
    public async Task EstimateQuality_JobFails_ThrowsJobFailedWithCodeAndMessage()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost()).RespondWith(Response.Create().WithBody(Body(Job("j9", "Submitted"))));
        Respond(Request.Create().WithPath("/jobs/j9").UsingGet(), Body("<JobsDetail><Code>VideoDecodeError</Code><Message>cannot decode</Message><JobId>j9</JobId><State>Failed</State></JobsDetail>"));
        var client = _service.CreateClient(new AutoAdvanceTimeProvider(Start));

        var ex = await Assert.ThrowsAsync<JobFailedException>(() => client.EstimateQualityAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.Equal("j9", ex.JobId);
        Assert.Equal("VideoDecodeError", ex.Code);
        Assert.Equal(JobState.Failed, ex.State);
        Assert.Contains("cannot decode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operation_RehydratedFromId_UpdatesAndReportsValue()
    {
        Respond(Request.Create().WithPath("/jobs/j5").UsingGet(), Body(Job("j5", "Success", "<Operation><QualityEstimate><Score>9.1</Score></QualityEstimate></Operation>")));
        var client = _service.CreateClient();
        var operation = new QualityEstimateOperation(client, "j5");

        Assert.False(operation.HasCompleted);
        Assert.Throws<InvalidOperationException>(() => operation.Value);
        await operation.UpdateStatusAsync();

        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Equal(9.1, operation.Value.Score);
    }

    [Fact]
    public async Task Operation_CancelledJob_ValueThrowsJobFailed()
    {
        Respond(Request.Create().WithPath("/jobs/j6").UsingGet(), Body(Job("j6", "Cancel")));
        var client = _service.CreateClient();
        var operation = new QualityEstimateOperation(client, "j6");

        await operation.UpdateStatusAsync();

        Assert.True(operation.HasCompleted);
        var ex = Assert.Throws<JobFailedException>(() => operation.Value);
        Assert.Contains("cancelled", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstimateQuality_PollingFailsAfterSubmit_ExceptionStillCarriesTheJobId()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost()).RespondWith(Response.Create().WithBody(Body(Job("j7", "Submitted"))));
        Respond(Request.Create().WithPath("/jobs/j7").UsingGet(), "<Error><Code>AccessDenied</Code><Message>no read permission</Message></Error>", 403);
        var client = _service.CreateClient(new AutoAdvanceTimeProvider(Start));

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => client.EstimateQualityAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Equal("j7", CosFailureInfo.From(ex)?.JobId);
#pragma warning disable CS0618 // the 1.0 Data key is obsolete and still written
        Assert.Equal("j7", ex.Data[JobsClient.JobIdDataKey]);
#pragma warning restore CS0618
    }
}
