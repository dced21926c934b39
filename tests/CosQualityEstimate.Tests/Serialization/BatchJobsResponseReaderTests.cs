using System.Text;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Emulator.Xml;

namespace CosQualityEstimate.Tests.Serialization;

/// <summary>
/// The batch answers are read into typed wire DTOs by the jobs reader's rules: the hand-written reader gives what the
/// XmlSerializer oracle gives for the same body (first occurrence wins, unknown elements skipped, both SDK spellings).
/// </summary>
public sealed class BatchJobsResponseReaderTests
{
    public static TheoryData<string> Bodies => new()
    {
        "<Response><JobsDetail><JobId>b1</JobId><Name>n</Name><State>Running</State><CreationTime>2022-06-27T15:23:10+0800</CreationTime>"
            + "<Input><Prefix>in/</Prefix></Input><Operation><Tag>QualityEstimate</Tag><QueueId>q1</QueueId><UserData>u</UserData>"
            + "<TimeInterval><Start>x</Start></TimeInterval></Operation></JobsDetail><NextToken>t2</NextToken></Response>",
        "<Response><JobsDetail><JobId>b1</JobId><JobId>b2</JobId><CreateTime>2022-06-27T15:23:10+0800</CreateTime><Unknown><A/></Unknown></JobsDetail>"
            + "<JobsDetail><JobId>b3</JobId><Input><Manifest>m.json</Manifest><Manifest>other</Manifest></Input></JobsDetail></Response>",
        "<Response><NonExistJobIds>b9</NonExistJobIds><NonExistJobId>b8,b7</NonExistJobId></Response>",
        "<Response/>",
        "<Response><JobsDetail/><NextToken></NextToken><NextToken>late</NextToken></Response>",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void HandReader_MatchesTheSerializerOracle(string body)
    {
        var hand = BatchJobsResponseReader.Read(Encoding.UTF8.GetBytes(body));
        var oracle = WireXmlSerializer.Deserialize<BatchJobsResponseXml>(body);

        Assert.Equal(Encoding.UTF8.GetString(WireXmlSerializer.Serialize(oracle)), Encoding.UTF8.GetString(WireXmlSerializer.Serialize(hand)));
    }

    [Fact]
    public void Converter_ReadsBothSpellings_AndBothNotFoundLists()
    {
        var wire = BatchJobsResponseReader.Read(Encoding.UTF8.GetBytes(
            "<Response><JobsDetail><JobId> b1 </JobId><CreateTime>2022-06-27T15:23:10+0800</CreateTime><Operation><Tag>QualityEstimate</Tag><QueueId>q1</QueueId></Operation>"
            + "<Input><UrlFile>u.txt</UrlFile></Input></JobsDetail><NonExistJobIds>b9</NonExistJobIds><NonExistJobId>b8, b7</NonExistJobId></Response>"));

        var batch = BatchJobDetailConverter.ToPublic(wire.JobsDetail[0], "r1");

        Assert.Equal("b1", batch.JobId);
        Assert.Equal("QualityEstimate", batch.Tag);
        Assert.Equal("q1", batch.QueueId);
        Assert.Equal("u.txt", batch.Input!.UrlFile);
        Assert.Equal(new DateTimeOffset(2022, 6, 27, 15, 23, 10, TimeSpan.FromHours(8)), batch.CreationTime);
        Assert.Equal(new[] { "b9", "b8", "b7" }, BatchJobDetailConverter.NonExistentIds(wire));
    }

    [Fact]
    public void StringElementWithChildren_IsAFormatError_AsForJobs()
    {
        Assert.ThrowsAny<System.Xml.XmlException>(() => BatchJobsResponseReader.Read(Encoding.UTF8.GetBytes("<Response><JobsDetail><JobId><X/></JobId></JobsDetail></Response>")));
    }
}
