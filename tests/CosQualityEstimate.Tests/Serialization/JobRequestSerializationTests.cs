using System.Text;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Serialization;

public sealed class JobRequestSerializationTests
{
    internal static QualityEstimateJobRequest SeedRequest() => new("input/demo.mp4")
    {
        Rotate = 90,
        Mode = QualityEstimateMode.VqaPlus,
        UserData = "This is my data.",
        JobLevel = 0,
        CallbackUrl = "http://callback.demo.com",
        CallbackFormat = CallbackFormat.Json,
    };

    [Fact]
    public void Serialize_SeedRequest_ProducesTheDocumentsBodyByteForByte()
    {
        var bytes = WireXmlSerializer.Serialize(JobRequestConverter.ToWire(SeedRequest()));

        Assert.Equal(Fixture.Compact(Fixture.Text("seed-submit-request.xml")), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Serialize_AnyRequest_HasNoBomNoDeclarationAndNoXsiNamespaces()
    {
        var bytes = WireXmlSerializer.Serialize(JobRequestConverter.ToWire(SeedRequest()));
        var text = Encoding.UTF8.GetString(bytes);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.StartsWith("<Request>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_MinimalRequest_OmitsOptionalElementsSoServiceDefaultsApply()
    {
        var text = Encoding.UTF8.GetString(WireXmlSerializer.Serialize(JobRequestConverter.ToWire(new QualityEstimateJobRequest("a.mp4"))));

        Assert.Equal("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input></Request>", text);
    }

    [Fact]
    public void Serialize_TdmqCallback_WritesCallBackTypeAndMqConfig()
    {
        var request = new QualityEstimateJobRequest("a.mp4")
        {
            CallbackType = CallbackType.Tdmq,
            CallbackFormat = CallbackFormat.Xml,
            CallbackMqConfig = new CallbackMqConfig { Region = "bj", Mode = "Queue", Name = "q1" },
        };

        var text = Encoding.UTF8.GetString(WireXmlSerializer.Serialize(JobRequestConverter.ToWire(request)));

        Assert.Contains("<CallBackFormat>XML</CallBackFormat><CallBackType>TDMQ</CallBackType><CallBackMqConfig><MqRegion>bj</MqRegion><MqMode>Queue</MqMode><MqName>q1</MqName></CallBackMqConfig>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UserDataWithMarkupCharacters_IsEscaped()
    {
        var request = new QualityEstimateJobRequest("a&b<c>.mp4") { UserData = "<x>&\"'" };

        var text = Encoding.UTF8.GetString(WireXmlSerializer.Serialize(JobRequestConverter.ToWire(request)));

        Assert.Contains("<Object>a&amp;b&lt;c&gt;.mp4</Object>", text, StringComparison.Ordinal);
        Assert.Contains("<UserData>&lt;x&gt;&amp;\"'</UserData>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_SeedRequest_ReadsBackEveryField()
    {
        var wire = WireXmlSerializer.Deserialize<JobRequestXml>(Fixture.Text("seed-submit-request.xml"));

        Assert.Equal("QualityEstimate", wire.Tag);
        Assert.Equal("input/demo.mp4", wire.Input!.Object);
        Assert.Equal("90", wire.Operation!.QualityEstimateConfig!.Rotate);
        Assert.Equal("vqaPlus", wire.Operation.QualityEstimateConfig.Mode);
        Assert.Equal("This is my data.", wire.Operation.UserData);
        Assert.Equal("0", wire.Operation.JobLevel);
        Assert.Equal("http://callback.demo.com", wire.CallBack);
        Assert.Equal("JSON", wire.CallBackFormat);

        var again = Encoding.UTF8.GetString(WireXmlSerializer.Serialize(wire));
        Assert.Equal(Fixture.Compact(Fixture.Text("seed-submit-request.xml")), again);
    }
}
