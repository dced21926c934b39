using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>
/// BatchJobsClient against WireMock: the exact create body (no JobParam unless the unconfirmed option is set), both SDK
/// spellings of the answers (NonExistJobId/NonExistJobIds, CreateTime/CreationTime), unknown states kept raw.
/// </summary>
public sealed class BatchJobsContractTests : IDisposable
{
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private void Respond(IRequestBuilder request, string body) =>
        _service.Server.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/xml").WithBody(body));

    [Fact]
    public async Task Create_SendsTheDocumentedBody_WithoutJobParam_ByDefault()
    {
        Respond(Request.Create().WithPath("/inventorytriggerjob").UsingPost(), "<Response><JobsDetail><JobId>b1</JobId><Name>n1</Name><State>Submitted</State></JobsDetail></Response>");
        using var client = _service.CreateClient();

        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("n1", BatchJobInput.FromPrefix("in/"))
        {
            UploadedAfter = new DateTimeOffset(2022, 2, 1, 12, 0, 0, TimeSpan.FromHours(8)),
            QueueId = "p893bcda225bf4945a378da6662e81a89",
            UserData = "u",
            JobLevel = 1,
        });

        Assert.Equal("b1", batch.JobId);
        var body = Assert.Single(_service.Requests).RequestMessage.Body;
        Assert.Equal(
            "<Request><Name>n1</Name><Type>Job</Type><Input><Prefix>in/</Prefix></Input><Operation><TimeInterval><Start>2022-02-01T12:00:00+0800</Start></TimeInterval>"
            + "<Tag>QualityEstimate</Tag><QueueId>p893bcda225bf4945a378da6662e81a89</QueueId><UserData>u</UserData><JobLevel>1</JobLevel></Operation></Request>",
            body);
    }

    [Fact]
    public async Task Create_WithTheUnconfirmedConfig_WritesJobParamQualityEstimateConfig()
    {
        Respond(Request.Create().WithPath("/inventorytriggerjob").UsingPost(), "<Response><JobsDetail><JobId>b2</JobId></JobsDetail></Response>");
        using var client = _service.CreateClient();

        await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("n2", BatchJobInput.FromObject("a.mp4"))
        {
            UnconfirmedQualityEstimateConfig = new BatchQualityEstimateConfig { Mode = QualityEstimateMode.VqaPlus, Rotate = 90 },
        });

        Assert.Contains("<JobParam><QualityEstimateConfig><Rotate>90</Rotate><Mode>vqaPlus</Mode></QualityEstimateConfig></JobParam>", Assert.Single(_service.Requests).RequestMessage.Body);
    }

    [Fact]
    public async Task Get_ReadsBothSpellings_AndKeepsAnUnknownStateRaw()
    {
        Respond(Request.Create().WithPath("/inventorytriggerjob/b3").UsingGet(),
            "<Response><JobsDetail><JobId>b3</JobId><State>Queued</State><CreateTime>2022-06-27T15:23:10+0800</CreateTime><StartTime>-</StartTime>"
            + "<Input><Manifest>inv/manifest.json</Manifest></Input><Operation><Tag>QualityEstimate</Tag><QueueId>q1</QueueId><Unknown><X/></Unknown></Operation><Extra>e</Extra></JobsDetail></Response>");
        Respond(Request.Create().WithPath("/inventorytriggerjob/b4").UsingGet(), "<Response><NonExistJobId>b4</NonExistJobId></Response>");
        using var client = _service.CreateClient();

        var batch = await client.Batches.GetBatchAsync("b3");
        var missing = await Assert.ThrowsAsync<JobNotFoundException>(() => client.Batches.GetBatchAsync("b4"));

        Assert.Equal(JobState.Unknown, batch.State);
        Assert.Equal("Queued", batch.RawState);
        Assert.Equal(new DateTimeOffset(2022, 6, 27, 15, 23, 10, TimeSpan.FromHours(8)), batch.CreationTime);
        Assert.Null(batch.StartTime);
        Assert.Equal("inv/manifest.json", batch.Input!.Manifest);
        Assert.Equal("QualityEstimate", batch.Tag);
        Assert.Equal("q1", batch.QueueId);
        Assert.Equal("b4", missing.JobId);
    }

    [Fact]
    public async Task ListBatchJobs_SendsTheInventoryTriggerJobIdFilter()
    {
        Respond(Request.Create().WithPath("/jobs").UsingGet(), "<Response></Response>");
        using var client = _service.CreateClient();

        await foreach (var job in client.Batches.ListBatchJobsAsync("b5", "q1"))
        {
            Assert.Fail("no jobs expected: " + job.JobId);
        }

        var query = Assert.Single(_service.Requests).RequestMessage.RawQuery;
        Assert.Contains("inventoryTriggerJobId=b5", query);
        Assert.Contains("tag=QualityEstimate", query);
        Assert.Contains("queueId=q1", query);
        Assert.Contains("size=100", query);
    }

    [Fact]
    public async Task ListBatchJobs_WithoutAQueue_ReadsTheBatchsQueueFirst_AndSendsIt()
    {
        Respond(Request.Create().WithPath("/inventorytriggerjob/b6").UsingGet(),
            "<Response><JobsDetail><JobId>b6</JobId><State>Running</State><Operation><Tag>QualityEstimate</Tag><QueueId>q7</QueueId></Operation></JobsDetail></Response>");
        Respond(Request.Create().WithPath("/jobs").UsingGet(), "<Response></Response>");
        using var client = _service.CreateClient();

        await foreach (var job in client.Batches.ListBatchJobsAsync("b6"))
        {
            Assert.Fail("no jobs expected: " + job.JobId);
        }

        var list = Assert.Single(_service.Requests, r => r.RequestMessage.Path == "/jobs").RequestMessage.RawQuery;
        Assert.Contains("queueId=q7", list);
        Assert.Contains("inventoryTriggerJobId=b6", list);
    }
}
