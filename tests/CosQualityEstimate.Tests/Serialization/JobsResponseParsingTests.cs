using System.Text;
using System.Xml;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Serialization;

// These tests go through the production path (JobsResponseParser → the hand-written JobsResponseReader →
// JobDetailConverter). XmlSerializer appears only as an oracle in the differential tests (HandWrittenXmlTests).
public sealed class JobsResponseParsingTests
{
    private static JobsResponseXml Read(string xml) =>
        JobsResponseParser.Parse(new CosResponse(200, Encoding.UTF8.GetBytes(xml), "req-1"));

    private static JobDetail ParseSingle(string xml) =>
        JobDetailConverter.ToPublic(Read(xml).JobsDetail.Single());

    [Fact]
    public void Parse_SeedResponse_ReadsEveryFieldOfTheDocument()
    {
        var job = ParseSingle(Fixture.Text("seed-submit-response.xml"));

        Assert.Equal("Success", job.Code);
        Assert.Equal(string.Empty, job.Message);
        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", job.JobId);
        Assert.Equal(JobState.Submitted, job.State);
        Assert.Equal("Submitted", job.RawState);
        Assert.Equal(new DateTimeOffset(2022, 6, 27, 15, 23, 10, TimeSpan.FromHours(8)), job.CreationTime);
        Assert.Equal(TimeSpan.FromHours(8), job.CreationTime!.Value.Offset);
        Assert.Null(job.StartTime);
        Assert.Null(job.EndTime);
        Assert.Equal("p2242ab62c7c94486915508540933a2c6", job.QueueId);
        Assert.Equal("QualityEstimate", job.Tag);
        Assert.Equal("test-123456789", job.Input!.BucketId);
        Assert.Equal("input/demo.mp4", job.Input.ObjectKey);
        Assert.Equal("ap-chongqing", job.Input.Region);
        Assert.Equal(90, job.Settings!.Rotate);
        Assert.Equal(QualityEstimateMode.VqaPlus, job.Settings.Mode);
        Assert.Equal("This is my data.", job.UserData);
        Assert.Equal(0, job.JobLevel);
        Assert.Null(job.MediaInfo);
        Assert.Null(job.QualityEstimate);
        Assert.False(job.HasCompleted);
    }

    [Fact]
    public void Parse_VqaPlusSuccess_ReadsScoreFindingsAndMediaInfo()
    {
        var job = ParseSingle(Fixture.Text("vqaplus-success-response.xml"));

        Assert.Equal(JobState.Success, job.State);
        Assert.True(job.HasCompleted);
        Assert.Equal(new DateTimeOffset(2022, 6, 27, 15, 24, 2, TimeSpan.FromHours(8)), job.EndTime);
        Assert.Equal("test-123456789", job.Input!.BucketId); // from <Bucket>, the field table's name
        Assert.Equal(1, job.JobLevel);
        Assert.Equal(1920, Assert.Single(job.MediaInfo!.VideoStreams).Width);
        Assert.Equal(1080, job.MediaInfo.VideoStreams[0].Height);
        Assert.Equal(TimeSpan.FromSeconds(12.48), job.MediaInfo.Format!.Duration);
        Assert.Equal(2, job.MediaInfo.Format.NumStream);

        var result = job.QualityEstimate!;
        Assert.Equal(7.83, result.Score);
        Assert.Equal("7.83", result.RawScore);
        Assert.True(result.IsGoodQuality);
        Assert.False(result.VqaPlus!.NoAudio);
        Assert.False(result.VqaPlus.NoVideo);
        Assert.Equal(3, result.VqaPlus.DetailedResults.Count);

        var blur = result.VqaPlus.DetailedResults[0];
        Assert.Equal(QualityIssueType.Blur, blur.Type);
        Assert.Equal(2, blur.Items.Count);
        Assert.Equal(87, blur.Items[0].Confidence);
        Assert.Equal(1.5, blur.Items[0].StartTimeOffset);
        Assert.Equal(3.25, blur.Items[0].EndTimeOffset);
        Assert.Equal(new[] { 0, 0, 640, 360 }, blur.Items[0].AreaCoordSet);
        Assert.Null(blur.Items[1].Confidence);
        Assert.Empty(blur.Items[1].AreaCoordSet);

        var qr = result.VqaPlus.DetailedResults[1];
        Assert.Equal(QualityIssueType.QRCode, qr.Type);
        Assert.Equal(new[] { 1700, 900, 1900, 1060 }, qr.Items[0].AreaCoordSet);
    }

    [Fact]
    public void Parse_UnknownIssueTypeAndUnknownElements_KeepsRawValueAndDoesNotThrow()
    {
        var job = ParseSingle(Fixture.Text("vqaplus-success-response.xml"));

        var unknown = job.QualityEstimate!.VqaPlus!.DetailedResults[2];
        Assert.Equal(QualityIssueType.Unknown, unknown.Type);
        Assert.Equal("HoloGlare", unknown.RawType);
        Assert.Equal(40, unknown.Items[0].Confidence);
    }

    [Theory]
    [InlineData("Submitted", JobState.Submitted)]
    [InlineData("Running", JobState.Running)]
    [InlineData("Success", JobState.Success)]
    [InlineData("Failed", JobState.Failed)]
    [InlineData("Pause", JobState.Paused)]
    [InlineData("Cancel", JobState.Canceled)]
    [InlineData("Archived", JobState.Unknown)]
    public void Parse_State_MapsDocumentedValuesAndKeepsUnknownRaw(string wire, JobState expected)
    {
        var job = ParseSingle($"<Response><JobsDetail><JobId>j1</JobId><State>{wire}</State></JobsDetail></Response>");

        Assert.Equal(expected, job.State);
        Assert.Equal(wire, job.RawState);
    }

    [Fact]
    public void Parse_SeveralJobsDetail_ReturnsAll()
    {
        var wire = Read(
            "<Response><JobsDetail><JobId>j1</JobId></JobsDetail><JobsDetail><JobId>j2</JobId></JobsDetail><NonExistJobIds>j3</NonExistJobIds><NextToken>t</NextToken></Response>");

        Assert.Equal(new[] { "j1", "j2" }, JobDetailConverter.ToPublic(wire.JobsDetail).Select(j => j.JobId));
        Assert.Equal(new[] { "j3" }, wire.NonExistJobIds);
        Assert.Equal("t", wire.NextToken);
    }

    [Fact]
    public void Parse_FailedJob_SurfacesCodeAndMessage()
    {
        var job = ParseSingle("<Response><JobsDetail><Code>InputFileNotExist</Code><Message>input file not exist</Message><JobId>j1</JobId><State>Failed</State></JobsDetail></Response>");

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("InputFileNotExist", job.Code);
        Assert.Equal("input file not exist", job.Message);
    }

    [Fact]
    public void Parse_NonNumericScore_KeepsRawAndScoreIsNull()
    {
        var job = ParseSingle("<Response><JobsDetail><JobId>j1</JobId><State>Success</State><Operation><QualityEstimate><Score>N/A</Score></QualityEstimate></Operation></JobsDetail></Response>");

        Assert.Null(job.QualityEstimate!.Score);
        Assert.Equal("N/A", job.QualityEstimate.RawScore);
        Assert.False(job.QualityEstimate.IsGoodQuality);
    }

    [Fact]
    public void Parse_DocumentTypeDefinition_IsRejected()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE Response [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><JobsDetail><JobId>&x;</JobId></JobsDetail></Response>";

        var ex = Assert.Throws<CosResponseFormatException>(() => Read(xml));
        Assert.IsType<XmlException>(ex.InnerException);
        Assert.DoesNotContain("root:", ex.Message, StringComparison.Ordinal); // nothing was resolved
    }

    [Fact]
    public void Parser_MalformedBody_ThrowsFormatExceptionWithStatusPreviewAndRecoveredJobId()
    {
        var body = Encoding.UTF8.GetBytes("<Response><JobsDetail><JobId>j229ed9e2f60c11ec8525e36307395bf9</JobId><State>Submi");

        var ex = Assert.Throws<CosResponseFormatException>(() => JobsResponseParser.Parse(new CosResponse(200, body, "req-1")));

        Assert.Equal(200, ex.Status);
        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", ex.JobId);
        Assert.StartsWith("<Response><JobsDetail>", ex.BodyPreview, StringComparison.Ordinal);
        Assert.Contains("req-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_OversizedBody_IsRejectedWithoutParsing()
    {
        var body = new byte[CosXml.MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');

        Assert.Throws<CosResponseFormatException>(() => JobsResponseParser.Parse(new CosResponse(200, body, null)));
    }

    [Theory]
    [InlineData("2022-06-27T15:23:10+0800", 8)]
    [InlineData("2022-06-27T15:23:10-0530", -5.5)]
    [InlineData("2022-06-27T15:23:10+08:00", 8)]
    [InlineData("2022-06-27T07:23:10Z", 0)]
    public void ServiceTime_Parse_AcceptsServiceAndIsoForms(string text, double offsetHours)
    {
        var value = ServiceTime.Parse(text);

        Assert.NotNull(value);
        Assert.Equal(TimeSpan.FromHours(offsetHours), value.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("yesterday")]
    public void ServiceTime_Parse_NotYetOrUnreadable_IsNull(string? text) => Assert.Null(ServiceTime.Parse(text));

    [Fact]
    public void ServiceTime_Format_UsesServiceFormatWithTheValuesOffset()
    {
        var value = new DateTimeOffset(2001, 1, 1, 23, 59, 59, TimeSpan.FromHours(8));

        Assert.Equal("2001-01-01T23:59:59+0800", ServiceTime.Format(value));
        Assert.Equal("2001-01-01T15:59:59+0000", ServiceTime.Format(value.ToUniversalTime()));
    }
}
