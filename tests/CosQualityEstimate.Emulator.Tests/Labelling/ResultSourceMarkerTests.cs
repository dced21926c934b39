using System.Text.Json;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;

namespace CosQualityEstimate.Emulator.Tests;

/// <summary>
/// Issue 14 §1: every result the emulator makes up carries <c>&lt;ResultSource&gt;simulated&lt;/ResultSource&gt;</c> inside
/// the job's <c>&lt;QualityEstimate&gt;</c> (JSON callbacks: <c>"ResultSource"</c>), in every response that carries a
/// result: DescribeJob, list, XML and JSON callbacks. The real service never sends it.
/// </summary>
public sealed class ResultSourceMarkerTests
{
    [Theory]
    [InlineData("vqaPlus")]
    [InlineData("general")]
    public async Task DescribeJob_SimulatedResult_CarriesTheSimulatedMarker(string mode)
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4", mode);
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var response = await emu.GetJobsAsync(id);

        var estimate = response.Jobs.Single().Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
        Assert.Equal(JobResultFactory.Score("input/demo.mp4"), estimate.Element("Score")!.Value);
        Assert.Equal("ResultSource", ((XElement)estimate.LastNode!).Name.LocalName);
    }

    [Fact]
    public async Task DescribeJob_BeforeTheResult_HasNoMarker()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4", "vqaPlus");

        var response = await emu.GetJobsAsync(id);

        Assert.Equal("Submitted", response.StateOf());
        Assert.DoesNotContain("ResultSource", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJobs_EverySimulatedResult_CarriesTheMarker()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SubmitJobIdAsync("input/a.mp4", "vqaPlus");
        await emu.SubmitJobIdAsync("input/b.mp4", "general");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate");

        Assert.Equal(200, response.Status);
        var markers = response.Jobs.Select(static job => job.Element("Operation")!.Element("QualityEstimate")!.Element("ResultSource")?.Value).ToList();
        Assert.Equal(["simulated", "simulated"], markers);
    }

    [Fact]
    public async Task XmlCallback_SimulatedResult_CarriesTheMarker()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emu = await TestEmulator.StartAsync();
        await emu.SubmitJobIdAsync("input/demo.mp4", "vqaPlus", $"<CallBack>{receiver.Url}</CallBack>");

        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var (_, body) = await receiver.WaitAsync();

        var estimate = XElement.Parse(body).Element("JobsDetail")!.Element("Operation")!.Element("QualityEstimate")!;
        Assert.Equal("simulated", estimate.Element("ResultSource")!.Value);
    }

    [Fact]
    public async Task JsonCallback_SimulatedResult_CarriesTheMarker()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        await using var emu = await TestEmulator.StartAsync();
        await emu.SubmitJobIdAsync("input/demo.mp4", "general", $"<CallBack>{receiver.Url}</CallBack><CallBackFormat>JSON</CallBackFormat>");

        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var (_, body) = await receiver.WaitAsync();

        using var json = JsonDocument.Parse(body);
        var estimate = json.RootElement.GetProperty("JobsDetail").GetProperty("Operation").GetProperty("QualityEstimate");
        Assert.Equal("simulated", estimate.GetProperty("ResultSource").GetString());
    }

    [Fact]
    public async Task ClientLibrary_StillReadsAMarkedResult()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4", "vqaPlus");
        emu.Time.Advance(TimeSpan.FromSeconds(3));

        var job = await emu.CreateClient().GetJobAsync(id);

        Assert.Equal(double.Parse(JobResultFactory.Score("input/demo.mp4"), System.Globalization.CultureInfo.InvariantCulture), job.QualityEstimate!.Score);
        Assert.NotEmpty(job.QualityEstimate.VqaPlus!.DetailedResults);
    }
}
