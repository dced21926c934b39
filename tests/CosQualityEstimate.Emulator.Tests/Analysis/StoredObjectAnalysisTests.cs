using System.Text.Json;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.LocalAnalysis;

namespace CosQualityEstimate.Emulator.Tests.Analysis;

/// <summary>
/// Issue 14 §3, the emulator: a job on a stored object is analysed locally (here by a scripted analyzer, so the state
/// machine is checked deterministically on a fake clock; <see cref="FfmpegAnalysisTests"/> runs the real one). The job is
/// Running while the analysis runs, ends when it ends, carries <c>local-analysis</c>; outcomes are cached per ETag.
/// </summary>
public sealed class StoredObjectAnalysisTests
{
    private static XElement Estimate(RawResponse response) => response.Jobs.Single().Element("Operation")!.Element("QualityEstimate")!;

    [Fact]
    public async Task StoredObject_RunningWhileAnalysed_ThenSuccessWithLocalAnalysisMarker_JobTimeIsAnalysisTime()
    {
        var analyzer = new ScriptedAnalyzer { Gated = true, Answer = static _ => AnalysisHarness.Result(4.2) };
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "video bytes");
        var id = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");

        emu.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Running", (await emu.GetJobsAsync(id)).StateOf());
        emu.Time.Advance(TimeSpan.FromSeconds(30)); // far past RunDuration: the analysis decides
        Assert.Equal("Running", (await emu.GetJobsAsync(id)).StateOf());

        analyzer.Gate.SetResult();
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var done = await emu.GetJobsAsync(id);

        Assert.Equal("Success", done.StateOf());
        var job = done.Jobs.Single();
        Assert.Equal(JobStore.FormatTime(TestEmulator.Start + TimeSpan.FromSeconds(1)), job.Element("StartTime")!.Value);
        Assert.Equal(JobStore.FormatTime(TestEmulator.Start + TimeSpan.FromSeconds(31)), job.Element("EndTime")!.Value);
        var estimate = Estimate(done);
        Assert.Equal("local-analysis", estimate.Element("ResultSource")!.Value);
        Assert.Equal("4.2", estimate.Element("Score")!.Value);
        var detail = estimate.Element("VqaPlusResult")!.Element("DetailedResult")!;
        Assert.Equal("SolidColorScreen", detail.Element("Type")!.Value);
        Assert.Equal("1.0", detail.Element("Items")!.Element("StartTimeOffset")!.Value);
        Assert.Equal("2.5", detail.Element("Items")!.Element("EndTimeOffset")!.Value);
        Assert.Equal("true", estimate.Element("VqaPlusResult")!.Element("NoAudio")!.Value);
        Assert.Equal("4.000000", job.Element("Operation")!.Element("MediaInfo")!.Element("Format")!.Element("Duration")!.Value);
        Assert.Equal(["video bytes"], analyzer.Contents);
    }

    [Fact]
    public async Task AnalysisFasterThanTheQueue_EndsWhenTheJobStarts()
    {
        var analyzer = new ScriptedAnalyzer();
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.AnalyseWith(analyzer);
            o.QueueDelay = TimeSpan.FromSeconds(5);
        });
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "0123456789012345678901234567890123456789");
        var id = await emu.SubmitJobIdAsync("input/clip.mp4", "general");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Submitted", (await emu.GetJobsAsync(id)).StateOf());
        emu.Time.Advance(TimeSpan.FromSeconds(5));
        var done = await emu.GetJobsAsync(id);

        Assert.Equal("Success", done.StateOf());
        Assert.Equal(done.Jobs.Single().Element("StartTime")!.Value, done.Jobs.Single().Element("EndTime")!.Value);
        Assert.Equal("local-analysis", Estimate(done).Element("ResultSource")!.Value);
        Assert.Equal("4.0", Estimate(done).Element("Score")!.Value);
        Assert.Null(Estimate(done).Element("VqaPlusResult")); // general mode: score only
    }

    [Fact]
    public async Task SameBytesUnderAnotherKey_AnalysedOnce_SameResult_OtherBytesAnalysedAgain()
    {
        var analyzer = new ScriptedAnalyzer();
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        await AnalysisHarness.PutObjectAsync(emu, "input/holiday.mp4", "same twenty bytes...");
        await AnalysisHarness.PutObjectAsync(emu, "input/holiday_copy.mp4", "same twenty bytes...");
        await AnalysisHarness.PutObjectAsync(emu, "input/other.mp4", "other bytes, forty characters long......");

        var first = await emu.SubmitJobIdAsync("input/holiday.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var copy = await emu.SubmitJobIdAsync("input/holiday_copy.mp4", "vqaPlus");
        var other = await emu.SubmitJobIdAsync("input/other.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var scores = new List<string>();
        foreach (var id in new[] { first, copy, other })
        {
            var estimate = Estimate(await emu.GetJobsAsync(id));
            Assert.Equal("local-analysis", estimate.Element("ResultSource")!.Value);
            scores.Add(estimate.Element("Score")!.Value);
        }

        Assert.Equal(["2.0", "2.0", "4.0"], scores);
        Assert.Equal(2, analyzer.Contents.Count);
        Assert.NotEqual(JobResultFactory.Score("input/holiday.mp4"), JobResultFactory.Score("input/holiday_copy.mp4")); // what the hash would have said
    }

    [Fact]
    public async Task AnalysisOff_StoredObject_GetsTheSimulatedResult_AndTheAnalyzerIsNeverCalled()
    {
        var analyzer = new ScriptedAnalyzer();
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.AnalyseWith(analyzer);
            o.LocalAnalysis = false;
        });
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "video bytes");
        var id = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var estimate = Estimate(await emu.GetJobsAsync(id));

        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
        Assert.Equal(JobResultFactory.Score("input/clip.mp4"), estimate.Element("Score")!.Value);
        Assert.Empty(analyzer.Contents);
    }

    [Fact]
    public async Task KeyNeverUploaded_StaysSimulated_WithAnalysisOn()
    {
        var analyzer = new ScriptedAnalyzer();
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        var id = await emu.SubmitJobIdAsync("input/never-uploaded.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var estimate = Estimate(await emu.GetJobsAsync(id));

        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
        Assert.Equal(JobResultFactory.Score("input/never-uploaded.mp4"), estimate.Element("Score")!.Value);
        Assert.Empty(analyzer.Contents);
    }

    [Fact]
    public async Task FfmpegMissing_FallsBackToSimulated_AndIsNotTriedAgain()
    {
        var calls = 0;
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(new DelegateAnalyzer((_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new FfmpegNotFoundException();
        })));
        await AnalysisHarness.PutObjectAsync(emu, "input/a.mp4", "a");
        await AnalysisHarness.PutObjectAsync(emu, "input/b.mp4", "b");
        var first = await emu.SubmitJobIdAsync("input/a.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var second = await emu.SubmitJobIdAsync("input/b.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        foreach (var (id, key) in new[] { (first, "input/a.mp4"), (second, "input/b.mp4") })
        {
            var response = await emu.GetJobsAsync(id);
            Assert.Equal("Success", response.StateOf());
            Assert.Equal("simulated", Estimate(response).Element("ResultSource")!.Value);
            Assert.Equal(JobResultFactory.Score(key), Estimate(response).Element("Score")!.Value);
        }

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task NotReadableMedia_JobFails_WithInvalidInputFileAndFfmpegsReason()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(new DelegateAnalyzer((_, _) =>
            throw new MediaUnreadableException("not media") { FfmpegReason = "input.bin: Invalid data found when processing input" })));
        await AnalysisHarness.PutObjectAsync(emu, "input/notes.mp4", "just some text");
        var id = await emu.SubmitJobIdAsync("input/notes.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        emu.Time.Advance(TimeSpan.FromSeconds(1));

        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.Equal("Failed", job.Element("State")!.Value);
        Assert.Equal("InvalidInputFile", job.Element("Code")!.Value);
        Assert.Equal("The input object input/notes.mp4 cannot be decoded: input.bin: Invalid data found when processing input", job.Element("Message")!.Value);
        Assert.Null(job.Element("Operation")!.Element("QualityEstimate"));
    }

    [Fact]
    public async Task AnalyzerCrash_JobFails_NeverStaysRunning()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(new DelegateAnalyzer((_, _) => throw new InvalidOperationException("ffmpeg exited with code 139"))));
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "bytes");
        var id = await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus");
        await emu.Emulator.WhenAnalysesTakenAsync().WaitAsync(TimeSpan.FromSeconds(30));
        emu.Time.Advance(TimeSpan.FromSeconds(1));

        var job = (await emu.GetJobsAsync(id)).Jobs.Single();

        Assert.Equal("Failed", job.Element("State")!.Value);
        Assert.Equal("InternalError", job.Element("Code")!.Value);
        Assert.Contains("ffmpeg exited with code 139", job.Element("Message")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callbacks_AnalysedResult_CarryTheLocalAnalysisMarker_XmlAndJson()
    {
        await using var xmlReceiver = await CallbackReceiver.StartAsync();
        await using var jsonReceiver = await CallbackReceiver.StartAsync();
        var analyzer = new ScriptedAnalyzer { Gated = true };
        await using var emu = await TestEmulator.StartAsync(o => o.AnalyseWith(analyzer));
        await AnalysisHarness.PutObjectAsync(emu, "input/clip.mp4", "0123456789");
        await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus", $"<CallBack>{xmlReceiver.Url}</CallBack>");
        await emu.SubmitJobIdAsync("input/clip.mp4", "vqaPlus", $"<CallBack>{jsonReceiver.Url}</CallBack><CallBackFormat>JSON</CallBackFormat>");
        emu.Time.Advance(TimeSpan.FromSeconds(10));

        analyzer.Gate.SetResult(); // completion is announced when the analysis ends, not on a timer
        var (_, xmlBody) = await xmlReceiver.WaitAsync();
        var (_, jsonBody) = await jsonReceiver.WaitAsync();

        var xml = XElement.Parse(xmlBody).Element("JobsDetail")!.Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("local-analysis", xml.Element("ResultSource")!.Value);
        using var json = JsonDocument.Parse(jsonBody);
        var estimate = json.RootElement.GetProperty("JobsDetail").GetProperty("Operation").GetProperty("QualityEstimate");
        Assert.Equal("local-analysis", estimate.GetProperty("ResultSource").GetString());
        Assert.Equal("1.0", estimate.GetProperty("Score").GetString());
        Assert.Single(analyzer.Contents);
    }
}
