using System.Text;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>Every typed value on the public models has a <c>Raw…</c> companion holding the service's text as sent.</summary>
public sealed class RawTextTests
{
    private static JobDetail Response(string jobsDetailInner) =>
        JobDetailConverter.ToPublic(JobsResponseParser.Parse(new CosResponse(
            200, Encoding.UTF8.GetBytes("<Response><JobsDetail><JobId>j1</JobId>" + jobsDetailInner + "</JobsDetail></Response>"), null)).JobsDetail.Single());

    [Fact]
    public void Times_Unreadable_AreNullWithRawKept()
    {
        var job = Response("<CreationTime>27/06/2022 15:23</CreationTime><StartTime>-</StartTime><EndTime>2022-06-27T15:24:02+0800</EndTime>");

        Assert.Null(job.CreationTime);
        Assert.Equal("27/06/2022 15:23", job.RawCreationTime);
        Assert.Null(job.StartTime);
        Assert.Equal("-", job.RawStartTime);
        Assert.Equal(new DateTimeOffset(2022, 6, 27, 15, 24, 2, TimeSpan.FromHours(8)), job.EndTime);
        Assert.Equal("2022-06-27T15:24:02+0800", job.RawEndTime);
    }

    [Fact]
    public void Times_Absent_RawIsNull()
    {
        var job = Response("<State>Submitted</State>");

        Assert.Null(job.RawCreationTime);
        Assert.Null(job.RawStartTime);
        Assert.Null(job.RawEndTime);
        Assert.Null(job.RawJobLevel);
    }

    [Fact]
    public void JobLevelAndRotate_Unreadable_AreNullWithRawKept()
    {
        var job = Response("<Operation><JobLevel>high</JobLevel><QualityEstimateConfig><Rotate>ninety</Rotate><Mode>future</Mode></QualityEstimateConfig></Operation>");

        Assert.Null(job.JobLevel);
        Assert.Equal("high", job.RawJobLevel);
        Assert.Null(job.Settings!.Rotate);
        Assert.Equal("ninety", job.Settings.RawRotate);
        Assert.Null(job.Settings.Mode);
        Assert.Equal("future", job.Settings.RawMode);
    }

    [Fact]
    public void JobLevelAndRotate_Readable_BothTypedAndRaw()
    {
        var job = Response("<Operation><JobLevel>2</JobLevel><QualityEstimateConfig><Rotate>270</Rotate></QualityEstimateConfig></Operation>");

        Assert.Equal(2, job.JobLevel);
        Assert.Equal("2", job.RawJobLevel);
        Assert.Equal(270, job.Settings!.Rotate);
        Assert.Equal("270", job.Settings.RawRotate);
    }

    [Fact]
    public void VqaPlusBooleansAndItemNumbers_Unreadable_AreNullWithRawKept()
    {
        var job = Response("<State>Success</State><Operation><QualityEstimate><Score>7</Score><VqaPlusResult><NoAudio>maybe</NoAudio><NoVideo>1</NoVideo>"
            + "<DetailedResult><Type>Blur</Type><Items><Confidence>high</Confidence><StartTimeOffset>1,5</StartTimeOffset><EndTimeOffset>3.25</EndTimeOffset>"
            + "<AreaCoordSet>10,x,30,40</AreaCoordSet></Items></DetailedResult></VqaPlusResult></QualityEstimate></Operation>");

        var vqa = job.QualityEstimate!.VqaPlus!;
        Assert.Null(vqa.NoAudio);
        Assert.Equal("maybe", vqa.RawNoAudio);
        Assert.True(vqa.NoVideo);
        Assert.Equal("1", vqa.RawNoVideo);
        var item = Assert.Single(Assert.Single(vqa.DetailedResults).Items);
        Assert.Null(item.Confidence);
        Assert.Equal("high", item.RawConfidence);
        Assert.Null(item.StartTimeOffset);
        Assert.Equal("1,5", item.RawStartTimeOffset);
        Assert.Equal(3.25, item.EndTimeOffset);
        Assert.Equal("3.25", item.RawEndTimeOffset);
        Assert.Equal(new[] { 10, 30, 40 }, item.AreaCoordSet);
        Assert.Equal(new[] { "10,x,30,40" }, item.RawAreaCoordSet);
    }
}
