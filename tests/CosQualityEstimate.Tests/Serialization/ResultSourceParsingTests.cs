using System.Text;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Tests.Serialization;

// The emulator's QualityEstimate/ResultSource marker (issue 14 §1), hand-written here so the parsing does not depend on
// the emulator: job responses, XML callbacks and JSON callbacks.
public sealed class ResultSourceParsingTests
{
    private const string JobId = "jb1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f";

    private static string ResponseXml(string? marker, string root = "Response") =>
        $"""
        <{root}>
          <EventName>TaskFinish</EventName>
          <JobsDetail>
            <Code>Success</Code>
            <JobId>{JobId}</JobId>
            <State>Success</State>
            <Tag>QualityEstimate</Tag>
            <Input><Object>videos/a.mp4</Object></Input>
            <Operation>
              <QualityEstimate>
                <Score>7.5</Score>
                {marker}
                <VqaPlusResult><NoAudio>false</NoAudio><NoVideo>false</NoVideo></VqaPlusResult>
              </QualityEstimate>
            </Operation>
          </JobsDetail>
        </{root}>
        """;

    private static string CallbackJson(string? marker) =>
        "{\"EventName\":\"TaskFinish\",\"JobsDetail\":[{\"Code\":\"Success\",\"JobId\":\"" + JobId + "\",\"State\":\"Success\",\"Tag\":\"QualityEstimate\","
        + "\"Input\":{\"Object\":\"videos/a.mp4\"},"
        + "\"Operation\":{\"QualityEstimate\":{\"Score\":\"7.5\"" + marker + ",\"VqaPlusResult\":{\"NoAudio\":\"false\",\"NoVideo\":\"false\"}}}}]}";

    private static QualityEstimate FromResponse(string xml)
    {
        var wire = JobsResponseParser.Parse(new CosResponse(200, Encoding.UTF8.GetBytes(xml), "req-1"));
        return JobDetailConverter.ToPublic(wire.JobsDetail.Single()).QualityEstimate!;
    }

    [Theory]
    [InlineData(QualityEstimateSourceNames.Simulated, QualityEstimateSource.Simulated)]
    [InlineData(QualityEstimateSourceNames.LocalAnalysis, QualityEstimateSource.LocalAnalysis)]
    [InlineData(QualityEstimateSourceNames.Service, QualityEstimateSource.Unknown)] // the service never marks: a marker claiming it is not trusted
    public void JobResponse_PublishedNames_AreTheMarkersTheReaderKnows(string marker, QualityEstimateSource expected) =>
        Assert.Equal(expected, FromResponse(ResponseXml($"<ResultSource>{marker}</ResultSource>")).Source);

    [Theory]
    [InlineData("simulated", QualityEstimateSource.Simulated)]
    [InlineData("local-analysis", QualityEstimateSource.LocalAnalysis)]
    [InlineData(" Simulated ", QualityEstimateSource.Simulated)]
    [InlineData("crystal-ball", QualityEstimateSource.Unknown)]
    [InlineData("", QualityEstimateSource.Unknown)]
    public void JobResponse_Marker_IsTypedAndRawKept(string marker, QualityEstimateSource expected)
    {
        var result = FromResponse(ResponseXml($"<ResultSource>{marker}</ResultSource>"));

        Assert.Equal(expected, result.Source);
        Assert.Equal(marker, result.RawSource);
        Assert.Equal(7.5, result.Score);
        Assert.NotNull(result.VqaPlus);
    }

    [Fact]
    public void JobResponse_NoMarker_IsTheService()
    {
        var result = FromResponse(ResponseXml(null));

        Assert.Equal(QualityEstimateSource.Service, result.Source);
        Assert.Null(result.RawSource);
    }

    [Fact]
    public void JobResponse_MarkerAfterTheFindings_IsRead()
    {
        var xml = ResponseXml(null).Replace("</VqaPlusResult>", "</VqaPlusResult><ResultSource>simulated</ResultSource>", StringComparison.Ordinal);

        Assert.Equal(QualityEstimateSource.Simulated, FromResponse(xml).Source);
    }

    [Fact]
    public void JobResponse_RepeatedMarker_FirstOneWins()
    {
        var result = FromResponse(ResponseXml("<ResultSource>simulated</ResultSource><ResultSource>local-analysis</ResultSource>"));

        Assert.Equal(QualityEstimateSource.Simulated, result.Source);
        Assert.Equal("simulated", result.RawSource);
    }

    [Fact]
    public void JobResponse_MarkerOutsideQualityEstimate_IsIgnored()
    {
        // Only the element inside the job's QualityEstimate counts; one elsewhere does not mark the result.
        var xml = ResponseXml(null).Replace("<Tag>QualityEstimate</Tag>", "<Tag>QualityEstimate</Tag><ResultSource>simulated</ResultSource>", StringComparison.Ordinal);

        Assert.Equal(QualityEstimateSource.Service, FromResponse(xml).Source);
    }

    [Theory]
    [InlineData("<ResultSource>simulated</ResultSource>", QualityEstimateSource.Simulated, "simulated")]
    [InlineData("<ResultSource>local-analysis</ResultSource>", QualityEstimateSource.LocalAnalysis, "local-analysis")]
    [InlineData("<ResultSource>v2-oracle</ResultSource>", QualityEstimateSource.Unknown, "v2-oracle")]
    [InlineData("", QualityEstimateSource.Service, null)]
    public void XmlCallback_Marker_IsTyped(string marker, QualityEstimateSource expected, string? raw)
    {
        var callback = JobCallback.Parse(ResponseXml(marker), "application/xml");

        var result = Assert.Single(callback.Jobs).QualityEstimate!;
        Assert.Equal(CallbackFormat.Xml, callback.Format);
        Assert.Equal(expected, result.Source);
        Assert.Equal(raw, result.RawSource);
    }

    [Theory]
    [InlineData(",\"ResultSource\":\"simulated\"", QualityEstimateSource.Simulated, "simulated")]
    [InlineData(",\"ResultSource\":\"local-analysis\"", QualityEstimateSource.LocalAnalysis, "local-analysis")]
    [InlineData(",\"resultSource\":\"simulated\"", QualityEstimateSource.Simulated, "simulated")]
    [InlineData(",\"ResultSource\":42", QualityEstimateSource.Unknown, "42")]
    [InlineData("", QualityEstimateSource.Service, null)]
    public void JsonCallback_Marker_IsTyped(string marker, QualityEstimateSource expected, string? raw)
    {
        var callback = JobCallback.Parse(CallbackJson(marker), "application/json");

        var result = Assert.Single(callback.Jobs).QualityEstimate!;
        Assert.Equal(CallbackFormat.Json, callback.Format);
        Assert.Equal(expected, result.Source);
        Assert.Equal(raw, result.RawSource);
        Assert.Equal(7.5, result.Score);
    }

    [Fact]
    public void JsonCallback_MarkerAsObject_DoesNotCrash()
    {
        var callback = JobCallback.Parse(CallbackJson(",\"ResultSource\":{\"x\":1}"), "application/json");

        var result = Assert.Single(callback.Jobs).QualityEstimate!;
        Assert.NotEqual(QualityEstimateSource.Simulated, result.Source);
        Assert.NotEqual(QualityEstimateSource.LocalAnalysis, result.Source);
    }

    [Fact]
    public void ModelFactory_CarriesTheSource_AndTheShippedOverloadStaysTheService()
    {
        var simulated = CosQualityEstimateModelFactory.QualityEstimate(score: 6.1, source: QualityEstimateSource.Simulated, rawSource: "simulated");
        var shipped = CosQualityEstimateModelFactory.QualityEstimate(8.0, null, "8.0");
        var named = CosQualityEstimateModelFactory.QualityEstimate(score: 7);

        Assert.Equal(QualityEstimateSource.Simulated, simulated.Source);
        Assert.Equal("simulated", simulated.RawSource);
        Assert.Equal(6.1, simulated.Score);
        Assert.Equal(QualityEstimateSource.Service, shipped.Source);
        Assert.Null(shipped.RawSource);
        Assert.Equal("8.0", shipped.RawScore);
        Assert.Equal(QualityEstimateSource.Service, named.Source);
    }
}
