using System.Diagnostics;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Emulator.Tests;

public class FaultTests
{
    [Fact]
    public async Task Fault_Status_ReturnsErrorWithRetryAfterWithoutProcessing()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", "7"));

        var response = await emu.SubmitRawAsync("input/demo.mp4");

        Assert.Equal(503, response.Status);
        Assert.Equal("ServiceUnavailable", response.ErrorCode);
        Assert.Equal("7", response.Header("Retry-After"));
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
        Assert.Equal(1, emu.Emulator.Faults.InjectedCount);
        Assert.Equal(200, (await emu.SubmitRawAsync("input/demo.mp4")).Status);
    }

    [Fact]
    public async Task Fault_StatusThroughJobsClient_SurfacesCosServiceException()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError"));

        // A 500 on a submit leaves the outcome unknown: the client surfaces it with the service details and does not resend.
        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => emu.CreateClient().SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4")));

        Assert.Equal(500, ex.Status);
        Assert.Equal("InternalError", Assert.IsType<CosServiceException>(ex.InnerException).ErrorCode);
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Fault_DropBeforeProcessing_ResetsConnectionWithoutCreatingJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropBeforeProcessing());

        await Assert.ThrowsAsync<HttpRequestException>(() => emu.SubmitRawAsync("input/demo.mp4"));

        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Fault_DropAfterProcessing_ResetsConnectionAfterCreatingJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropAfterProcessing("POST"));

        await Assert.ThrowsAnyAsync<Exception>(() => emu.CreateClient().SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4")));

        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
        Assert.Equal(JobState.Submitted, emu.Emulator.GetJobsSnapshot()[0].State);
    }

    [Fact]
    public async Task Fault_HtmlGateway_ReturnsHtmlWithoutProcessing()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.HtmlGateway(502));

        var response = await emu.SubmitRawAsync("input/demo.mp4");

        Assert.Equal(502, response.Status);
        Assert.Equal("text/html", response.MediaType);
        Assert.Contains("<html>", response.Body);
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Fault_MalformedBody_Returns200WithTruncatedXmlAfterProcessing()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.MalformedBody());

        var raw = await emu.SubmitRawAsync("input/demo.mp4");

        Assert.Equal(200, raw.Status);
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Fault_MalformedBodyThroughJobsClient_RecoversTheJobNamedInTheTruncatedBody()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.MalformedBody());

        var job = await emu.CreateClient().SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));

        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
        Assert.Equal(emu.Emulator.GetJobsSnapshot().Single().JobId, job.JobId);
    }

    [Fact]
    public async Task Fault_Delay_DelaysResponseInRealTime()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        var response = await emu.SubmitRawAsync("input/demo.mp4");

        Assert.Equal(200, response.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Fault_MethodFilter_SkipsNonMatchingRequests()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "GET"));

        var post = await emu.SubmitRawAsync("input/demo.mp4");
        Assert.Equal(1, emu.Emulator.Faults.PendingCount);
        var get = await emu.GetJobsAsync("j1");

        Assert.Equal(200, post.Status);
        Assert.Equal(503, get.Status);
        Assert.Equal(0, emu.Emulator.Faults.PendingCount);
    }

    [Fact]
    public async Task Fault_QueuedFaults_AreTakenInFifoOrder()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError"));
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable"));

        var first = await emu.GetJobsAsync("j1");
        var second = await emu.GetJobsAsync("j1");
        var third = await emu.GetJobsAsync("j1");

        Assert.Equal(new[] { 500, 503, 200 }, new[] { first.Status, second.Status, third.Status });
    }

    [Fact]
    public async Task SetErrorRate_SameSeed_ProducesSameSequence()
    {
        async Task<int[]> RunAsync()
        {
            await using var emu = await TestEmulator.StartAsync();
            emu.Emulator.Faults.Seed = 42;
            emu.Emulator.Faults.SetErrorRate(503, 0.5);
            var statuses = new int[20];
            for (var i = 0; i < statuses.Length; i++)
            {
                statuses[i] = (await emu.GetJobsAsync("j1")).Status;
            }

            Assert.Equal(statuses.Count(s => s == 503), emu.Emulator.Faults.InjectedCount);
            return statuses;
        }

        var a = await RunAsync();
        var b = await RunAsync();

        Assert.Equal(a, b);
        Assert.Contains(503, a);
        Assert.Contains(200, a);
    }

    [Fact]
    public async Task DropBeforeProcessingRate_One_DropsEveryRequest()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.DropBeforeProcessingRate = 1.0;

        await Assert.ThrowsAsync<HttpRequestException>(() => emu.SubmitRawAsync("input/demo.mp4"));

        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task DropAfterProcessingRate_One_CreatesJobThenDrops()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.DropAfterProcessingRate = 1.0;

        await Assert.ThrowsAsync<HttpRequestException>(() => emu.SubmitRawAsync("input/demo.mp4"));

        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task AddedLatency_Set_DelaysEveryRequest()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.AddedLatency = TimeSpan.FromMilliseconds(200);

        var watch = Stopwatch.StartNew();
        await emu.GetJobsAsync("j1");

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(150), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task SlowBodyBytesPerSecond_Set_WritesCompleteBodySlowly()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");
        var fast = await emu.GetJobsAsync(id);
        emu.Emulator.Faults.SlowBodyBytesPerSecond = fast.Body.Length * 3; // ~10 chunks of 100 ms in a third of a second

        var watch = Stopwatch.StartNew();
        var slow = await emu.GetJobsAsync(id);

        Assert.Equal(fast.Body, slow.Body);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Reset_AfterConfiguring_ClearsQueueKnobsAndCounter()
    {
        await using var emu = await TestEmulator.StartAsync();
        var faults = emu.Emulator.Faults;
        faults.Enqueue(EmulatorFault.Status(500, "InternalError"));
        faults.SetErrorRate(503, 1.0);
        await emu.GetJobsAsync("j1");

        faults.Reset();

        Assert.Equal(0, faults.InjectedCount);
        Assert.Equal(0, faults.PendingCount);
        Assert.Equal(200, (await emu.GetJobsAsync("j1")).Status);
    }
}
