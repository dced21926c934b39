using System.Text.Json;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;

namespace CosQualityEstimate.Emulator.Tests;

public class CallbackTests
{
    [Fact]
    public async Task Callback_XmlFormat_PostsTaskFinishXml()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4", "vqaPlus", $"<CallBack>{receiver.Url}</CallBack>");

        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var (contentType, body) = await receiver.WaitAsync();

        Assert.StartsWith("application/xml", contentType);
        var xml = XElement.Parse(body);
        Assert.Equal("Response", xml.Name.LocalName);
        Assert.Equal("TaskFinish", xml.Element("EventName")!.Value);
        var detail = xml.Element("JobsDetail")!;
        Assert.Equal(id, detail.Element("JobId")!.Value);
        Assert.Equal("Success", detail.Element("State")!.Value);
        Assert.Equal(JobResultFactory.Score("input/demo.mp4"), detail.Element("Operation")!.Element("QualityEstimate")!.Element("Score")!.Value);
        Assert.NotNull(detail.Element("Operation")!.Element("QualityEstimate")!.Element("VqaPlusResult"));
    }

    [Fact]
    public async Task Callback_JsonFormat_PostsTaskFinishJson()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4", "vqaPlus", $"<CallBack>{receiver.Url}</CallBack><CallBackFormat>JSON</CallBackFormat>");

        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var (contentType, body) = await receiver.WaitAsync();

        Assert.StartsWith("application/json", contentType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("TaskFinish", json.RootElement.GetProperty("EventName").GetString());
        var detail = json.RootElement.GetProperty("JobsDetail");
        Assert.Equal(id, detail.GetProperty("JobId").GetString());
        Assert.Equal("Success", detail.GetProperty("State").GetString());
        Assert.Equal("examplebucket-1250000000", detail.GetProperty("Input").GetProperty("BucketId").GetString());
        var result = detail.GetProperty("Operation").GetProperty("QualityEstimate");
        Assert.Equal(JsonValueKind.String, result.GetProperty("Score").ValueKind);
        var firstItem = result.GetProperty("VqaPlusResult").GetProperty("DetailedResult")[0].GetProperty("Items")[0];
        Assert.Equal(4, firstItem.GetProperty("AreaCoordSet").GetArrayLength());
        Assert.Equal("h264", detail.GetProperty("Operation").GetProperty("MediaInfo").GetProperty("Stream").GetProperty("Video").GetProperty("CodecName").GetString());
    }

    [Fact]
    public async Task Callback_NonLoopbackHost_IsNotSent()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SubmitJobIdAsync("input/demo.mp4", extraRequest: "<CallBack>http://callback.example.com/hook</CallBack>");

        emu.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, emu.Emulator.CallbacksSkipped);
        Assert.Equal(0, emu.Emulator.CallbacksSent);
    }

    [Fact]
    public async Task Callback_CanceledJob_IsNotSent()
    {
        // A non-loopback target makes the sender's decision synchronous and counted (CallbacksSkipped): a loopback POST
        // is sent after a yield, so "nothing arrived yet" could not tell "not sent" from "not sent yet". The second,
        // completed job with the same target is the control: it proves the sender is reached within the same Advance.
        await using var emu = await TestEmulator.StartAsync();
        const string target = "<CallBack>http://callback.example.com/hook</CallBack>";
        var canceled = await emu.SubmitJobIdAsync("input/canceled.mp4", extraRequest: target);
        Assert.Equal(200, (await emu.CancelAsync(canceled)).Status);
        var completed = await emu.SubmitJobIdAsync("input/completed.mp4", extraRequest: target);

        emu.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("Cancel", (await emu.GetJobsAsync(canceled)).StateOf());
        Assert.Equal("Success", (await emu.GetJobsAsync(completed)).StateOf());
        Assert.Equal(1, emu.Emulator.CallbacksSkipped); // the completed job's only: the canceled job never reached the sender
        Assert.Equal(0, emu.Emulator.CallbacksSent);
    }

    [Fact]
    public async Task Callback_SystemClockShortTimings_IsDeliveredByRealTimer()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emu = await CosEmulator.StartAsync(new CosEmulatorOptions
        {
            QueueDelay = TimeSpan.FromMilliseconds(20),
            RunDuration = TimeSpan.FromMilliseconds(20),
        });
        using var http = new HttpClient();
        var client = new CosQualityEstimate.Jobs.JobsClient(http, new CosQualityEstimate.Jobs.JobsClientOptions
        {
            Bucket = emu.Bucket,
            Region = emu.Region,
            Endpoint = emu.Endpoint,
            Credential = emu.Credential,
        });

        var job = await client.SubmitQualityEstimateJobAsync(new CosQualityEstimate.Models.QualityEstimateJobRequest("input/demo.mp4") { CallbackUrl = receiver.Url.ToString() });
        var (_, body) = await receiver.WaitAsync();

        Assert.Contains(job.JobId, body);
        Assert.Equal(CosQualityEstimate.Models.JobState.Success, emu.GetJobsSnapshot()[0].State);
    }
}
