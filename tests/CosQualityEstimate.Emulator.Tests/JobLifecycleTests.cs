using System.Globalization;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Emulator.Tests;

public class JobLifecycleTests
{
    [Fact]
    public async Task SubmitQualityEstimateJobAsync_ValidRequest_ReturnsSubmittedEcho()
    {
        await using var emu = await TestEmulator.StartAsync();
        var client = emu.CreateClient();

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4")
        {
            Rotate = 90,
            Mode = QualityEstimateMode.VqaPlus,
            UserData = "hello",
            JobLevel = 1,
        });

        Assert.Matches("^j[0-9a-f]{32}$", job.JobId);
        Assert.Equal(JobState.Submitted, job.State);
        Assert.Equal("Success", job.Code);
        Assert.Equal("QualityEstimate", job.Tag);
        Assert.Matches("^p[0-9a-f]{32}$", job.QueueId);
        Assert.Null(job.StartTime);
        Assert.Null(job.EndTime);
        Assert.Equal(TestEmulator.Start, job.CreationTime);
        Assert.Equal("examplebucket-1250000000", job.Input!.BucketId);
        Assert.Equal("input/demo.mp4", job.Input.ObjectKey);
        Assert.Equal("ap-guangzhou", job.Input.Region);
        Assert.Equal(90, job.Settings!.Rotate);
        Assert.Equal(QualityEstimateMode.VqaPlus, job.Settings.Mode);
        Assert.Equal("hello", job.UserData);
        Assert.Equal(1, job.JobLevel);
        Assert.Null(job.QualityEstimate);
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task GetJobs_TimeAdvances_ProgressesToSuccessWithDeterministicScore()
    {
        await using var emu = await TestEmulator.StartAsync();
        var job = await emu.CreateClient().SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));

        Assert.Equal("Submitted", (await emu.GetJobsAsync(job.JobId)).StateOf());

        emu.Time.Advance(TimeSpan.FromSeconds(1));
        var running = await emu.GetJobsAsync(job.JobId);
        Assert.Equal("Running", running.StateOf());
        Assert.Equal("2024-05-01T16:00:01+0800", running.Jobs.First().Element("StartTime")!.Value);
        Assert.Equal("-", running.Jobs.First().Element("EndTime")!.Value);

        emu.Time.Advance(TimeSpan.FromSeconds(2));
        var done = await emu.GetJobsAsync(job.JobId);
        var detail = done.Jobs.First();
        Assert.Equal("Success", detail.Element("State")!.Value);
        Assert.Equal("2024-05-01T16:00:03+0800", detail.Element("EndTime")!.Value);
        var score = detail.Element("Operation")!.Element("QualityEstimate")!.Element("Score")!.Value;
        Assert.Equal(JobResultFactory.Score("input/demo.mp4"), score);
        var value = double.Parse(score, CultureInfo.InvariantCulture);
        Assert.InRange(value, 3.0, 9.9);
        Assert.Matches(@"^\d\.\d$", score);
        Assert.NotNull(detail.Element("Operation")!.Element("MediaInfo"));
        Assert.Null(detail.Element("Operation")!.Element("QualityEstimate")!.Element("VqaPlusResult"));

        // Same key on another emulator: same score.
        await using var other = await TestEmulator.StartAsync();
        var otherId = await other.SubmitJobIdAsync("input/demo.mp4");
        other.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(score, (await other.GetJobsAsync(otherId)).Jobs.First().Element("Operation")!.Element("QualityEstimate")!.Element("Score")!.Value);
    }

    [Fact]
    public async Task GetJobs_VqaPlusMode_ReturnsDeterministicFindings()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/vqa.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var first = (await emu.GetJobsAsync(id)).Body;
        var vqa = (await emu.GetJobsAsync(id)).Jobs.First().Element("Operation")!.Element("QualityEstimate")!.Element("VqaPlusResult")!;
        Assert.Equal(first, (await emu.GetJobsAsync(id)).Body);
        Assert.Equal("false", vqa.Element("NoAudio")!.Value);
        Assert.Equal("false", vqa.Element("NoVideo")!.Value);
        var details = vqa.Elements("DetailedResult").ToList();
        Assert.InRange(details.Count, 1, 3);
        foreach (var detail in details)
        {
            Assert.Contains(detail.Element("Type")!.Value, JobResultFactory.IssueTypes);
            var items = detail.Elements("Items").ToList();
            Assert.NotEmpty(items);
            foreach (var item in items)
            {
                Assert.InRange(int.Parse(item.Element("Confidence")!.Value, CultureInfo.InvariantCulture), 0, 100);
                Assert.True(double.Parse(item.Element("EndTimeOffset")!.Value, CultureInfo.InvariantCulture) > double.Parse(item.Element("StartTimeOffset")!.Value, CultureInfo.InvariantCulture));
                Assert.Equal(4, item.Elements("AreaCoordSet").Count());
                Assert.All(item.Elements("AreaCoordSet"), c => int.Parse(c.Value, CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task GetJobs_ObjectKeyContainsFail_EndsFailedWithInputFileNotExist()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/will-FAIL.mp4");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var detail = (await emu.GetJobsAsync(id)).Jobs.First();
        Assert.Equal("Failed", detail.Element("State")!.Value);
        Assert.Equal("InputFileNotExist", detail.Element("Code")!.Value);
        Assert.NotEmpty(detail.Element("Message")!.Value);
        Assert.Null(detail.Element("Operation")!.Element("QualityEstimate"));
    }

    [Fact]
    public async Task PauseQueue_SubmittedJob_ShowsPauseUntilResumed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");
        emu.Time.Advance(TimeSpan.FromMilliseconds(400));
        emu.Emulator.PauseQueue();

        emu.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("Pause", (await emu.GetJobsAsync(id)).StateOf());
        Assert.Equal("Pause", emu.Emulator.GetJobsSnapshot()[0].RawState);
        Assert.Equal(JobState.Paused, emu.Emulator.GetJobsSnapshot()[0].State);

        emu.Emulator.ResumeQueue();
        Assert.Equal("Submitted", (await emu.GetJobsAsync(id)).StateOf());
        emu.Time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal("Running", (await emu.GetJobsAsync(id)).StateOf());
        emu.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Success", (await emu.GetJobsAsync(id)).StateOf());
    }

    [Fact]
    public async Task PauseQueue_RunningJob_KeepsRunningToSuccess()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");
        emu.Time.Advance(TimeSpan.FromSeconds(1));
        emu.Emulator.PauseQueue();
        emu.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("Success", (await emu.GetJobsAsync(id)).StateOf());
    }

    [Fact]
    public async Task GetJobs_MultipleIdsWithUnknown_ReturnsDetailsAndNonExistJobIds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var a = await emu.SubmitJobIdAsync("input/a.mp4");
        var b = await emu.SubmitJobIdAsync("input/b.mp4");

        var response = await emu.GetJobsAsync($"{a},jdoesnotexist1,{b},jdoesnotexist2");

        Assert.Equal(200, response.Status);
        Assert.Equal(new[] { a, b }, response.Jobs.Select(j => j.Element("JobId")!.Value));
        Assert.Equal(new[] { "jdoesnotexist1", "jdoesnotexist2" }, response.Xml.Elements("NonExistJobIds").Select(e => e.Value));
    }

    [Fact]
    public async Task GetJobsSnapshot_AfterSubmits_ReturnsAllJobsInCreationOrder()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SubmitJobIdAsync("input/a.mp4");
        await emu.SubmitJobIdAsync("input/b.mp4");

        var snapshot = emu.Emulator.GetJobsSnapshot();

        Assert.Equal(new[] { "input/a.mp4", "input/b.mp4" }, snapshot.Select(j => j.Input!.ObjectKey));
        Assert.Equal(2, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Request_VirtualHostHeader_IsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(
            HttpMethod.Post,
            "/jobs",
            TestEmulator.SubmitBody("input/demo.mp4"),
            configure: r => r.Headers.Host = "examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com");

        Assert.Equal(200, response.Status);
        Assert.Equal("Submitted", response.StateOf());
    }

    [Fact]
    public async Task Response_Always_HasRequestIdAndDateFromEmulatorClock()
    {
        await using var emu = await TestEmulator.StartAsync();

        var ok = await emu.SubmitRawAsync("input/demo.mp4");
        var error = await emu.SendAsync(HttpMethod.Get, "/nothing");

        foreach (var response in new[] { ok, error })
        {
            Assert.StartsWith("emu-", response.Header("x-ci-request-id"));
            Assert.Equal(TestEmulator.Start, response.Headers.Date);
        }

        Assert.Equal(404, error.Status);
        Assert.Equal("NoSuchKey", error.ErrorCode); // any path other than /jobs and /jobs/<id> is an object of the emulated bucket
        Assert.Equal(error.Header("x-ci-request-id"), error.Xml.Element("RequestId")!.Value);
    }

    [Fact]
    public async Task Request_UnsupportedMethod_Returns405()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Delete, "/jobs");

        Assert.Equal(405, response.Status);
        Assert.Equal("MethodNotAllowed", response.ErrorCode);
    }
}
