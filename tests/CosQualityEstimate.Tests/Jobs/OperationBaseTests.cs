using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>One <see cref="Operation{T}"/> base for a job and a batch: the same status, wait and mocking rules (fake clock).</summary>
public sealed class OperationBaseTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private void Describe(string path, params string[] states)
    {
        for (var i = 0; i < states.Length; i++)
        {
            var step = _service.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario(path);
            step = i == 0 ? step : step.WhenStateIs("s" + i);
            step.WillSetStateTo("s" + (i + 1)).RespondWith(Response.Create().WithStatusCode(200).WithBody(
                $"<Response><JobsDetail><JobId>{path[(path.LastIndexOf('/') + 1)..]}</JobId><State>{states[i]}</State><Tag>QualityEstimate</Tag></JobsDetail></Response>"));
        }
    }

    [Fact]
    public async Task JobAndBatch_WaitThroughTheSameBase_OnTheClientsClock()
    {
        Describe("/jobs/j1", "Submitted", "Running", "Success");
        Describe("/inventorytriggerjob/b1", "Submitted", "Running", "Failed");
        var time = new AutoAdvanceTimeProvider(Start);
        using var client = _service.CreateClient(time);
        var polling = new JobPollingOptions { InitialInterval = TimeSpan.FromSeconds(2), MaxInterval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(1) };

        Operation<JobDetail> job = new QualityEstimateOperation(client, "j1");
        Operation<BatchJobDetail> batch = new BatchJobOperation(client.Batches, "b1");
        await ((QualityEstimateOperation)job).WaitForCompletionAsync(polling);
        var ended = await ((BatchJobOperation)batch).WaitForCompletionAsync(polling);

        Assert.True(job.HasCompleted);
        Assert.True(batch.HasCompleted);
        Assert.Equal(JobState.Failed, ended.State); // a failed batch is returned, not thrown
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, time.Delays);
    }

    [Fact]
    public async Task UpdateStatus_RemembersWhatItRead_ForBoth()
    {
        Describe("/jobs/j2", "Running");
        Describe("/inventorytriggerjob/b2", "Success");
        using var client = _service.CreateClient(new AutoAdvanceTimeProvider(Start));
        var job = new QualityEstimateOperation(client, "j2");
        var batch = new BatchJobOperation(client.Batches, "b2");

        Assert.False(job.HasCompleted);
        await job.UpdateStatusAsync();
        await batch.UpdateStatusAsync();

        Assert.Equal(JobState.Running, job.LastKnownJob!.State);
        Assert.False(job.HasCompleted);
        Assert.True(batch.HasCompleted);
    }

    [Fact]
    public void Mock_OverridingLastKnown_DecidesHasCompleted()
    {
        Operation<BatchJobDetail> mock = new DoneBatch();

        Assert.True(mock.HasCompleted);
    }

    private sealed class DoneBatch : BatchJobOperation
    {
        public override BatchJobDetail? LastKnownBatch => new() { JobId = "b", State = JobState.Success };
    }
}
