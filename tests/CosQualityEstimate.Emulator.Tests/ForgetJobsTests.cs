namespace CosQualityEstimate.Emulator.Tests;

/// <summary><see cref="CosEmulator.ForgetJobs"/>: what a long run (a benchmark's many submits) uses to keep the store bounded.</summary>
public class ForgetJobsTests
{
    [Fact]
    public async Task ForgetJobs_DirectJobs_AreNoLongerFound_AndIdsNeverRepeat()
    {
        await using var emu = await TestEmulator.StartAsync();
        var first = await emu.SubmitJobIdAsync("input/a.mp4");
        var second = await emu.SubmitJobIdAsync("input/b.mp4");

        Assert.Equal(2, emu.Emulator.ForgetJobs());

        Assert.Equal(0, emu.Emulator.StoredJobCount);
        Assert.Equal(2, emu.Emulator.SubmittedJobCount);
        var lookup = await emu.GetJobsAsync(first + "," + second);
        Assert.Equal(200, lookup.Status);
        Assert.Empty(lookup.Jobs);
        Assert.Equal(new[] { first, second }, lookup.Xml.Elements("NonExistJobIds").Select(e => e.Value));
        var third = await emu.SubmitJobIdAsync("input/c.mp4");
        Assert.NotEqual(first, third);
        Assert.NotEqual(second, third);
        Assert.Equal(3, emu.Emulator.SubmittedJobCount);
        Assert.Equal(1, emu.Emulator.StoredJobCount);
        Assert.Equal("Submitted", (await emu.GetJobsAsync(third)).StateOf());
        Assert.Equal(1, emu.Emulator.ForgetJobs());
    }

    [Fact]
    public async Task ForgetJobs_ForgottenJob_GetsNoCallback_ALaterJobDoes()
    {
        // A non-loopback target makes the sender's decision synchronous and counted (CallbacksSkipped), as in CallbackTests.
        await using var emu = await TestEmulator.StartAsync();
        const string target = "<CallBack>http://callback.example.com/hook</CallBack>";
        await emu.SubmitJobIdAsync("input/forgotten.mp4", extraRequest: target);
        emu.Emulator.ForgetJobs();

        emu.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, emu.Emulator.CallbacksSkipped);

        var kept = await emu.SubmitJobIdAsync("input/kept.mp4", extraRequest: target);
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, emu.Emulator.CallbacksSkipped);
        Assert.Equal("Success", (await emu.GetJobsAsync(kept)).StateOf());
    }
}
