namespace CosQualityEstimate.Emulator.Tests;

public class CancelJobTests
{
    [Fact]
    public async Task CancelJob_SubmittedJob_ReturnsCancelAndStaysCanceled()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");

        var response = await emu.CancelAsync(id);

        Assert.Equal(200, response.Status);
        Assert.Equal("Cancel", response.StateOf());
        emu.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("Cancel", (await emu.GetJobsAsync(id)).StateOf());
    }

    [Fact]
    public async Task CancelJob_PausedJob_ReturnsCancel()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");
        emu.Emulator.PauseQueue();

        var response = await emu.CancelAsync(id);

        Assert.Equal("Cancel", response.StateOf());
    }

    [Fact]
    public async Task CancelJob_RunningJob_ReturnsFailedOperation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");
        emu.Time.Advance(TimeSpan.FromSeconds(1.5));

        var response = await emu.CancelAsync(id);

        Assert.Equal(400, response.Status);
        Assert.Equal("FailedOperation", response.ErrorCode);
        Assert.Equal($"job {id} is Running; only Submitted or Pause jobs can be canceled", response.Xml.Element("Message")!.Value);
    }

    [Fact]
    public async Task CancelJob_SuccessJob_ReturnsFailedOperation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");
        emu.Time.Advance(TimeSpan.FromSeconds(5));

        var response = await emu.CancelAsync(id);

        Assert.Equal("FailedOperation", response.ErrorCode);
        Assert.Contains("is Success", response.Xml.Element("Message")!.Value);
    }

    [Fact]
    public async Task CancelJob_UnknownJob_ReturnsNoSuchJob()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.CancelAsync("j00000000000000000000000000000099");

        Assert.Equal(404, response.Status);
        Assert.Equal("NoSuchJob", response.ErrorCode);
    }

    [Fact]
    public async Task PutJob_WithoutCancelParameter_ReturnsInvalidArgument()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");

        var response = await emu.SendAsync(HttpMethod.Put, "/jobs/" + id);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidArgument", response.ErrorCode);
    }
}
