using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>The request id of a successful call is readable on what the call returns.</summary>
public sealed class RequestIdTests : IDisposable
{
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private static string Job(string id) =>
        $"<JobsDetail><Code>Success</Code><Message/><JobId>{id}</JobId><State>Submitted</State><Tag>QualityEstimate</Tag></JobsDetail>";

    private void Respond(IRequestBuilder request, string body, string header, string requestId) =>
        _service.Server.Given(request).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/xml").WithHeader(header, requestId).WithBody(body));

    [Fact]
    public async Task Submit_CiRequestIdHeader_IsOnTheReturnedJob()
    {
        Respond(Request.Create().WithPath("/jobs").UsingPost(), "<Response>" + Job("j1") + "</Response>", "x-ci-request-id", "NjQ-submit");
        var client = _service.CreateClient();

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4"));

        Assert.Equal("j1", job.JobId);
        Assert.Equal("NjQ-submit", job.RequestId);
    }

    [Fact]
    public async Task GetJob_OnlyCosRequestIdHeader_IsOnTheReturnedJob()
    {
        Respond(Request.Create().WithPath("/jobs/j1").UsingGet(), "<Response>" + Job("j1") + "</Response>", "x-cos-request-id", "cos-get-1");
        var client = _service.CreateClient();

        var job = await client.GetJobAsync("j1");

        Assert.Equal("cos-get-1", job.RequestId);
    }

    [Fact]
    public async Task GetJob_NoRequestIdHeader_IsNull()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs/j1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<Response>" + Job("j1") + "</Response>"));
        var client = _service.CreateClient();

        var job = await client.GetJobAsync("j1");

        Assert.Null(job.RequestId);
    }

    [Fact]
    public async Task GetJobsPage_RequestId_IsOnThePageAndEachJob()
    {
        Respond(Request.Create().WithPath("/jobs").UsingGet(), "<Response>" + Job("j1") + Job("j2") + "<NextToken>t2</NextToken></Response>", "x-ci-request-id", "list-1");
        var client = _service.CreateClient();

        var page = await client.GetJobsPageAsync(null);

        Assert.Equal("list-1", page.RequestId);
        Assert.All(page.Jobs, job => Assert.Equal("list-1", job.RequestId));
        Assert.Equal("t2", page.ContinuationToken);
    }

    [Fact]
    public async Task GetJobs_SplitLookup_KeepsEveryRequestIdInOrder()
    {
        var ids = Enumerable.Range(0, 60).Select(i => "j" + i).ToList();
        Respond(Request.Create().WithPath("/jobs/" + string.Join(',', ids.Take(50))).UsingGet(), "<Response>" + Job("j0") + "</Response>", "x-ci-request-id", "lookup-1");
        Respond(Request.Create().WithPath("/jobs/" + string.Join(',', ids.Skip(50))).UsingGet(), "<Response>" + Job("j50") + "</Response>", "x-ci-request-id", "lookup-2");
        var client = _service.CreateClient();

        var result = await client.GetJobsAsync(ids);

        Assert.Equal(new[] { "lookup-1", "lookup-2" }, result.RequestIds);
        Assert.Equal("lookup-2", result.RequestId);
        Assert.Equal(new[] { "lookup-1", "lookup-2" }, result.Jobs.Select(j => j.RequestId));
    }

    [Fact]
    public void Callback_Jobs_HaveNoRequestId()
    {
        var callback = JobCallback.Parse("<Response><EventName>TaskFinish</EventName>" + Job("j1") + "</Response>");

        Assert.Null(Assert.Single(callback.Jobs).RequestId);
    }
}
