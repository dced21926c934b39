using System.Xml.Linq;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Tests.Models;

/// <summary>Each model the factory builds reads back exactly what was given.</summary>
public sealed class CosQualityEstimateModelFactoryTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 25, 16, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void JobDetail_EveryValue_ReadsBack()
    {
        var input = CosQualityEstimateModelFactory.JobInput("in/a.mp4", "b-1250000000", "ap-beijing");
        var settings = CosQualityEstimateModelFactory.QualityEstimateSettings(QualityEstimateMode.VqaPlus, 90, "vqaPlus", "90");
        var media = CosQualityEstimateModelFactory.MediaInfo();
        var result = CosQualityEstimateModelFactory.QualityEstimate(7.5, null, "7.5");

        var job = CosQualityEstimateModelFactory.JobDetail(
            "j1", JobState.Failed, "Failed", "InputFileNotExist", "no input", "QualityEstimate", "q1",
            Created, Created.AddSeconds(1), Created.AddSeconds(2), input, settings, "user", "ct-1", 2, media, result, "req-1",
            "rc", "rs", "re", "2");

        Assert.Equal("j1", job.JobId);
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("Failed", job.RawState);
        Assert.Equal("InputFileNotExist", job.Code);
        Assert.Equal("no input", job.Message);
        Assert.Equal("QualityEstimate", job.Tag);
        Assert.Equal("q1", job.QueueId);
        Assert.Equal(Created, job.CreationTime);
        Assert.Equal(Created.AddSeconds(1), job.StartTime);
        Assert.Equal(Created.AddSeconds(2), job.EndTime);
        Assert.Same(input, job.Input);
        Assert.Same(settings, job.Settings);
        Assert.Equal("user", job.UserData);
        Assert.Equal("ct-1", job.ClientToken);
        Assert.Equal(2, job.JobLevel);
        Assert.Same(media, job.MediaInfo);
        Assert.Same(result, job.QualityEstimate);
        Assert.Equal("req-1", job.RequestId);
        Assert.Equal("rc", job.RawCreationTime);
        Assert.Equal("rs", job.RawStartTime);
        Assert.Equal("re", job.RawEndTime);
        Assert.Equal("2", job.RawJobLevel);
        Assert.True(job.HasCompleted);
        Assert.Equal(("in/a.mp4", "b-1250000000", "ap-beijing"), (input.ObjectKey, input.BucketId, input.Region));
        Assert.Equal((QualityEstimateMode.VqaPlus, 90, "vqaPlus", "90"), (settings.Mode, settings.Rotate, settings.RawMode, settings.RawRotate));
    }

    [Fact]
    public void JobDetail_Defaults_AreEmpty()
    {
        var job = CosQualityEstimateModelFactory.JobDetail();

        Assert.Equal(string.Empty, job.JobId);
        Assert.Equal(JobState.Unknown, job.State);
        Assert.Null(job.RawState);
        Assert.Null(job.QualityEstimate);
        Assert.Null(job.RequestId);
        Assert.False(job.HasCompleted);
    }

    [Fact]
    public void ResultWithVqaPlusFindings_ReadsBack()
    {
        var item = CosQualityEstimateModelFactory.DetailedResultItem(87, 1.5, 3.25, new[] { 0, 0, 640, 360 }, "87", "1.5", "3.25", new[] { "0,0,640,360" });
        var finding = CosQualityEstimateModelFactory.DetailedResult(QualityIssueType.Blur, new[] { item }, "Blur");
        var vqa = CosQualityEstimateModelFactory.VqaPlusResult(false, true, new[] { finding }, "false", "1");

        var result = CosQualityEstimateModelFactory.QualityEstimate(5.9, vqa, "5.9");

        Assert.Equal(5.9, result.Score);
        Assert.Equal("5.9", result.RawScore);
        Assert.False(result.IsGoodQuality);
        Assert.Same(vqa, result.VqaPlus);
        Assert.Equal((false, true, "false", "1"), (vqa.NoAudio, vqa.NoVideo, vqa.RawNoAudio, vqa.RawNoVideo));
        Assert.Same(finding, Assert.Single(vqa.DetailedResults));
        Assert.Equal((QualityIssueType.Blur, "Blur"), (finding.Type, finding.RawType));
        Assert.Same(item, Assert.Single(finding.Items));
        Assert.Equal((87, 1.5, 3.25), (item.Confidence, item.StartTimeOffset, item.EndTimeOffset));
        Assert.Equal(new[] { 0, 0, 640, 360 }, item.AreaCoordSet);
        Assert.Equal(("87", "1.5", "3.25"), (item.RawConfidence, item.RawStartTimeOffset, item.RawEndTimeOffset));
        Assert.Equal(new[] { "0,0,640,360" }, item.RawAreaCoordSet);
    }

    [Fact]
    public void MediaInfo_EveryValue_ReadsBack()
    {
        var raw = new Dictionary<string, string> { ["Width"] = "1920" };
        var extra = new XElement("ColorPrimaries", "bt709");
        var format = CosQualityEstimateModelFactory.MediaFormat("mp4", TimeSpan.FromSeconds(12.48), 1225.7, 1756799, 2, 0, "QuickTime / MOV", TimeSpan.Zero, raw, new[] { extra });
        var video = CosQualityEstimateModelFactory.VideoStreamInfo(
            0, "h264", 1920, 1080, TimeSpan.FromSeconds(12), 1094.4, 25, 24.9, 312, 90, "H.264", "1/50", "avc1", "0x31637661", "High",
            2, 1, "1:1", "16:9", "yuv420p", "progressive", 40, "1/12800", TimeSpan.FromSeconds(0.5), "und", raw, new[] { extra });
        var audio = CosQualityEstimateModelFactory.AudioStreamInfo(
            1, "aac", 44100, 2, TimeSpan.FromSeconds(11), 128, "stereo", "fltp", "AAC", "1/44100", "mp4a", "0x6134706d", "1/44100", TimeSpan.Zero, "eng", raw, new[] { extra });
        var subtitle = CosQualityEstimateModelFactory.SubtitleStreamInfo(2, "chi", raw, new[] { extra });

        var media = CosQualityEstimateModelFactory.MediaInfo(format, new[] { video }, new[] { audio }, new[] { subtitle }, new[] { extra });

        Assert.Same(format, media.Format);
        Assert.Same(video, Assert.Single(media.VideoStreams));
        Assert.Same(audio, Assert.Single(media.AudioStreams));
        Assert.Same(subtitle, Assert.Single(media.SubtitleStreams));
        Assert.Same(extra, Assert.Single(media.AdditionalElements));

        Assert.Equal(("mp4", TimeSpan.FromSeconds(12.48), 1225.7, 1756799L), (format.FormatName, format.Duration, format.Bitrate, format.Size));
        Assert.Equal((2, 0, "QuickTime / MOV", TimeSpan.Zero), (format.NumStream, format.NumProgram, format.FormatLongName, format.StartTime));
        Assert.Equal("1920", format.RawValues["width"]);
        Assert.Same(extra, Assert.Single(format.AdditionalElements));

        Assert.Equal((0, "h264", 1920, 1080), (video.Index, video.CodecName, video.Width, video.Height));
        Assert.Equal((TimeSpan.FromSeconds(12), 1094.4, 25.0, 24.9, 312L, 90.0), (video.Duration, video.Bitrate, video.Fps, video.AvgFps, video.NumFrames, video.Rotation));
        Assert.Equal(("H.264", "1/50", "avc1", "0x31637661", "High"), (video.CodecLongName, video.CodecTimeBase, video.CodecTagString, video.CodecTag, video.Profile));
        Assert.Equal((2, 1, "1:1", "16:9", "yuv420p", "progressive"), (video.HasBFrame, video.RefFrames, video.Sar, video.Dar, video.PixFormat, video.FieldOrder));
        Assert.Equal((40, "1/12800", TimeSpan.FromSeconds(0.5), "und"), (video.Level, video.Timebase, video.StartTime, video.Language));
        Assert.Equal("1920", video.RawValues["Width"]);
        Assert.Same(extra, Assert.Single(video.AdditionalElements));

        Assert.Equal((1, "aac", 44100, 2, TimeSpan.FromSeconds(11), 128.0), (audio.Index, audio.CodecName, audio.SampleRate, audio.Channel, audio.Duration, audio.Bitrate));
        Assert.Equal(("stereo", "fltp", "AAC", "1/44100", "mp4a", "0x6134706d"), (audio.ChannelLayout, audio.SampleFmt, audio.CodecLongName, audio.CodecTimeBase, audio.CodecTagString, audio.CodecTag));
        Assert.Equal(("1/44100", TimeSpan.Zero, "eng"), (audio.Timebase, audio.StartTime, audio.Language));
        Assert.Equal("1920", audio.RawValues["Width"]);
        Assert.Same(extra, Assert.Single(audio.AdditionalElements));

        Assert.Equal((2, "chi"), (subtitle.Index, subtitle.Language));
        Assert.Equal("1920", subtitle.RawValues["Width"]);
        Assert.Same(extra, Assert.Single(subtitle.AdditionalElements));
    }

    [Fact]
    public void MediaInfo_Defaults_AreEmptyNotNull()
    {
        var media = CosQualityEstimateModelFactory.MediaInfo();
        var video = CosQualityEstimateModelFactory.VideoStreamInfo();

        Assert.Null(media.Format);
        Assert.Empty(media.VideoStreams);
        Assert.Empty(media.AudioStreams);
        Assert.Empty(media.SubtitleStreams);
        Assert.Empty(media.AdditionalElements);
        Assert.Empty(video.RawValues);
        Assert.Empty(video.AdditionalElements);
        Assert.Null(video.Width);
    }

    [Fact]
    public void JobCallback_ReadsBack()
    {
        var job = CosQualityEstimateModelFactory.JobDetail("j1", JobState.Success);

        var callback = CosQualityEstimateModelFactory.JobCallback("TaskFinish", new[] { job }, CallbackFormat.Json);

        Assert.Equal("TaskFinish", callback.EventName);
        Assert.Same(job, Assert.Single(callback.Jobs));
        Assert.Equal(CallbackFormat.Json, callback.Format);
    }

    [Fact]
    public void JobsPageAndLookup_ReadBack()
    {
        var job = CosQualityEstimateModelFactory.JobDetail("j1");

        var page = CosQualityEstimateModelFactory.JobsPage(new[] { job }, "next", "req-page");
        var lookup = CosQualityEstimateModelFactory.JobsLookupResult(new[] { job }, new[] { "j9" }, new[] { "req-a", "req-b" });

        Assert.Same(job, Assert.Single(page.Jobs));
        Assert.Equal("next", page.ContinuationToken);
        Assert.Equal("req-page", page.RequestId);
        Assert.Same(job, Assert.Single(lookup.Jobs));
        Assert.Equal(new[] { "j9" }, lookup.NonExistentJobIds);
        Assert.Equal(new[] { "req-a", "req-b" }, lookup.RequestIds);
        Assert.Equal("req-b", lookup.RequestId);
        Assert.Null(CosQualityEstimateModelFactory.JobsLookupResult().RequestId);
        Assert.Null(CosQualityEstimateModelFactory.JobsPage().ContinuationToken);
    }

    [Fact]
    public async Task CompletedOperation_WithoutClient_AnswersFromTheJob()
    {
        var result = CosQualityEstimateModelFactory.QualityEstimate(8.2);
        var job = CosQualityEstimateModelFactory.JobDetail("j1", JobState.Success, qualityEstimate: result);

        var operation = CosQualityEstimateModelFactory.QualityEstimateOperation(job);

        Assert.Equal("j1", operation.Id);
        Assert.Same(job, operation.LastKnownJob);
        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Equal(8.2, operation.Value.Score);
        var outcome = await operation.WaitForCompletionAsync();
        Assert.Same(job, outcome.Job);
        await Assert.ThrowsAsync<InvalidOperationException>(() => operation.UpdateStatusAsync());
    }

    [Fact]
    public async Task FailedOperation_WithoutClient_ThrowsJobFailed()
    {
        var job = CosQualityEstimateModelFactory.JobDetail("j1", JobState.Failed, code: "InputFileNotExist", message: "no input");

        var operation = CosQualityEstimateModelFactory.QualityEstimateOperation(job);

        Assert.False(operation.HasValue);
        var ex = await Assert.ThrowsAsync<JobFailedException>(() => operation.WaitForCompletionAsync());
        Assert.Same(job, ex.Job);
    }

    [Fact]
    public void Outcome_ReadsFromTheJob()
    {
        var vqa = CosQualityEstimateModelFactory.VqaPlusResult(noAudio: true);
        var job = CosQualityEstimateModelFactory.JobDetail("j1", JobState.Success, qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(6.0, vqa));

        var outcome = CosQualityEstimateModelFactory.QualityEstimateOutcome(job);

        Assert.Same(job, outcome.Job);
        Assert.Equal("j1", outcome.JobId);
        Assert.Equal(6.0, outcome.Score);
        Assert.True(outcome.IsGoodQuality);
        Assert.Same(vqa, outcome.VqaPlus);
    }
}
