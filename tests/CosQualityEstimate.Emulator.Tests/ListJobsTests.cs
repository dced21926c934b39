namespace CosQualityEstimate.Emulator.Tests;

public class ListJobsTests
{
    [Fact]
    public async Task ListJobs_SevenJobsPageSizeThree_WalksThreePagesWithNextToken()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await emu.SubmitJobIdAsync($"input/{i}.mp4"));
            emu.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var query = "/jobs?tag=QualityEstimate&size=3" + (token is null ? string.Empty : "&nextToken=" + Uri.EscapeDataString(token));
            var page = await emu.SendAsync(HttpMethod.Get, query);
            Assert.Equal(200, page.Status);
            pages++;
            seen.AddRange(page.Jobs.Select(j => j.Element("JobId")!.Value));
            token = page.Xml.Element("NextToken")?.Value;
            if (string.IsNullOrEmpty(token))
            {
                token = null;
            }
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        ids.Reverse(); // default orderByTime=Desc
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListJobs_OrderByTimeAsc_ReturnsOldestFirst()
    {
        await using var emu = await TestEmulator.StartAsync();
        var first = await emu.SubmitJobIdAsync("input/1.mp4");
        var second = await emu.SubmitJobIdAsync("input/2.mp4");

        var page = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&orderByTime=Asc");

        Assert.Equal(new[] { first, second }, page.Jobs.Select(j => j.Element("JobId")!.Value));
        Assert.Null(page.Xml.Element("NextToken"));
    }

    [Fact]
    public async Task ListJobs_StatesFilter_ReturnsOnlyMatchingStates()
    {
        await using var emu = await TestEmulator.StartAsync();
        var done = await emu.SubmitJobIdAsync("input/done.mp4");
        var failed = await emu.SubmitJobIdAsync("input/fail.mp4");
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        var fresh = await emu.SubmitJobIdAsync("input/fresh.mp4");

        var finished = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&states=Success,Failed&orderByTime=Asc");
        var submitted = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&states=Submitted");

        Assert.Equal(new[] { done, failed }, finished.Jobs.Select(j => j.Element("JobId")!.Value));
        Assert.Equal(new[] { fresh }, submitted.Jobs.Select(j => j.Element("JobId")!.Value));
    }

    [Fact]
    public async Task ListJobs_InputObjectAndCreationTimeFilters_ReturnMatchingJobs()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.SubmitJobIdAsync("input/a.mp4");
        emu.Time.Advance(TimeSpan.FromMinutes(5));
        var later = await emu.SubmitJobIdAsync("input/b.mp4");

        var byObject = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&inputObject=input%2Fb.mp4");
        var byTime = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&startCreationTime=" + Uri.EscapeDataString("2024-05-01T16:04:00+0800"));

        Assert.Equal(new[] { later }, byObject.Jobs.Select(j => j.Element("JobId")!.Value));
        Assert.Equal(new[] { later }, byTime.Jobs.Select(j => j.Element("JobId")!.Value));
    }

    [Theory]
    [InlineData("size=0")]
    [InlineData("size=101")]
    [InlineData("size=ten")]
    [InlineData("orderByTime=Sideways")]
    [InlineData("states=Done")]
    [InlineData("nextToken=garbage!")]
    public async Task ListJobs_InvalidParameter_ReturnsInvalidArgument(string parameter)
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&" + parameter);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidArgument", response.ErrorCode);
    }
}
