using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Emulator.Tests.EndToEnd;

/// <summary>The library's JobsClient against the emulator: the whole lifecycle, with no real waiting.</summary>
public sealed class ClientEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static JobsClient ClientFor(CosEmulator emulator, TimeProvider time) => new(new JobsClientOptions
    {
        Bucket = emulator.Bucket,
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        Credential = emulator.Credential,
        TimeProvider = time,
        UseClientTokens = true,
    });

    [Fact]
    public async Task EstimateQuality_VqaPlusJob_WaitsToSuccessWithDeterministicScoreAndFindings()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);

        var outcome = await client.EstimateQualityAsync(new QualityEstimateJobRequest("input/demo.mp4") { Mode = QualityEstimateMode.VqaPlus, UserData = "e2e" });
        var again = await client.EstimateQualityAsync(new QualityEstimateJobRequest("input/demo.mp4") { Mode = QualityEstimateMode.VqaPlus });

        Assert.Equal(JobState.Success, outcome.Job.State);
        Assert.InRange(outcome.Score!.Value, 3.0, 9.9);
        Assert.Equal(outcome.Score, again.Score);
        Assert.NotEmpty(outcome.VqaPlus!.DetailedResults);
        Assert.All(outcome.VqaPlus.DetailedResults, d => Assert.NotEqual(QualityIssueType.Unknown, d.Type));
        Assert.Equal("e2e", outcome.Job.UserData);
        Assert.NotNull(outcome.Job.ClientToken);
        Assert.NotNull(outcome.Job.EndTime);
        Assert.Equal(2, emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task GetJob_CompletedJob_HasTypedMediaInfoAndTheRequestId()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        var submitted = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));

        var job = await client.WaitForCompletionAsync(submitted.JobId);

        Assert.False(string.IsNullOrEmpty(submitted.RequestId));
        Assert.False(string.IsNullOrEmpty(job.RequestId));
        Assert.NotEqual(submitted.RequestId, job.RequestId);
        var media = job.MediaInfo!;
        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", media.Format!.FormatName);
        Assert.InRange(media.Format.Duration!.Value, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(300));
        var video = Assert.Single(media.VideoStreams);
        Assert.Equal(("h264", 1280, 720, 25.0), (video.CodecName, video.Width, video.Height, video.Fps));
        var audio = Assert.Single(media.AudioStreams);
        Assert.Equal(("aac", 44100, 2), (audio.CodecName, audio.SampleRate, audio.Channel));
        Assert.Empty(media.AdditionalElements);
    }

    [Fact]
    public async Task WaitForCompletion_FailingInput_ReturnsFailedWithCode()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/fail-me.mp4"));

        var final = await client.WaitForCompletionAsync(job.JobId);

        Assert.Equal(JobState.Failed, final.State);
        Assert.Equal("InputFileNotExist", final.Code);
    }

    [Fact]
    public async Task ListJobs_SevenJobsPageSizeThree_FollowsThreePages()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        var submitted = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            submitted.Add((await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest($"input/{i}.mp4"))).JobId);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var pages = new List<JobsPage>();
        await foreach (var page in client.ListJobsAsync(new ListJobsOptions { PageSize = 3, Order = JobSortOrder.Ascending }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(new[] { 3, 3, 1 }, pages.Select(p => p.Jobs.Count));
        Assert.Equal(submitted, pages.SelectMany(p => p.Jobs).Select(j => j.JobId));
        Assert.Null(pages[^1].ContinuationToken);

        var resumed = await client.GetJobsPageAsync(new ListJobsOptions { PageSize = 3, Order = JobSortOrder.Ascending }, pages[0].ContinuationToken);
        Assert.Equal(submitted.Skip(3).Take(3), resumed.Jobs.Select(j => j.JobId));
    }

    [Fact]
    public async Task CancelJob_SubmittedJob_IsCancelledAndWaitReturnsCancel()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        var operation = await client.StartQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));

        await operation.CancelAsync();
        await operation.UpdateStatusAsync();

        Assert.Equal(JobState.Canceled, operation.LastKnownJob!.State);
        Assert.True(operation.HasCompleted);
        Assert.Throws<JobFailedException>(() => operation.Value);
    }

    [Fact]
    public async Task CancelJob_RunningJob_IsRefusedWithTheServiceReason()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));
        time.Advance(TimeSpan.FromSeconds(1.5));

        var ex = await Assert.ThrowsAsync<JobCancellationRefusedException>(() => client.CancelJobAsync(job.JobId));

        Assert.Equal(job.JobId, ex.JobId);
        Assert.Equal("FailedOperation", ex.ErrorCode);
        Assert.Equal(JobState.Running, (await client.GetJobAsync(job.JobId)).State);
    }

    [Fact]
    public async Task GetJob_UnknownId_ThrowsJobNotFound()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);

        var ex = await Assert.ThrowsAsync<JobNotFoundException>(() => client.GetJobAsync("j0000000000000000000000000000dead"));

        Assert.Equal("j0000000000000000000000000000dead", ex.JobId);
    }

    [Fact]
    public async Task PausedQueue_JobStaysPausedUntilResumed_WaitDoesNotTreatPauseAsTerminal()
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        emulator.PauseQueue();
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));
        time.Advance(TimeSpan.FromMinutes(1));

        var paused = await client.GetJobAsync(job.JobId);
        Assert.Equal(JobState.Paused, paused.State);
        Assert.False(paused.HasCompleted);

        emulator.ResumeQueue();
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(JobState.Success, (await client.GetJobAsync(job.JobId)).State);
    }

    [Theory]
    [InlineData(CallbackFormat.Xml)]
    [InlineData(CallbackFormat.Json)]
    public async Task Callback_BothFormats_ParseAndConfirmAgainstTheService(CallbackFormat format)
    {
        var time = new FakeTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        await using var receiver = await CallbackReceiver.StartAsync();
        var client = ClientFor(emulator, time);
        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4")
        {
            Mode = QualityEstimateMode.VqaPlus,
            CallbackUrl = receiver.Url.ToString(),
            CallbackFormat = format,
        });

        time.Advance(TimeSpan.FromSeconds(10));
        var (contentType, body) = await receiver.WaitAsync();
        var callback = JobCallback.Parse(body, contentType);
        var confirmed = await client.ConfirmCallbackAsync(callback);

        Assert.Equal("TaskFinish", callback.EventName);
        var reported = Assert.Single(callback.Jobs);
        Assert.Equal(job.JobId, reported.JobId);
        Assert.Equal(JobState.Success, reported.State);
        Assert.NotNull(reported.QualityEstimate!.Score);
        var truth = Assert.Single(confirmed.Jobs);
        Assert.Equal(reported.QualityEstimate.Score, truth.QualityEstimate!.Score);
        Assert.Empty(confirmed.NonExistentJobIds);
    }
}
