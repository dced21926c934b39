namespace CosQualityEstimate.Emulator.Tests;

public class SubmitValidationTests
{
    [Theory]
    [InlineData("<Request><Tag>Transcode</Tag><Input><Object>a.mp4</Object></Input></Request>", "Tag")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object> </Object></Input></Request>", "Input.Object")]
    [InlineData("<Request><Tag>QualityEstimate</Tag></Request>", "Input.Object")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><Operation><QualityEstimateConfig><Rotate>45</Rotate></QualityEstimateConfig></Operation></Request>", "Rotate")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><Operation><QualityEstimateConfig><Mode>fast</Mode></QualityEstimateConfig></Operation></Request>", "Mode")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><Operation><JobLevel>3</JobLevel></Operation></Request>", "JobLevel")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><Operation><UserData>caf\u00e9</UserData></Operation></Request>", "UserData")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><CallBackType>TDMQ</CallBackType></Request>", "CallBackMqConfig")]
    [InlineData("<Request><Tag>QualityEstimate</Tag><Input><Object>a.mp4</Object></Input><CallBackFormat>YAML</CallBackFormat></Request>", "CallBackFormat")]
    public async Task SubmitJob_InvalidField_ReturnsInvalidArgumentNamingField(string body, string field)
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", body);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidArgument", response.ErrorCode);
        Assert.Contains(field, response.Xml.Element("Message")!.Value);
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task SubmitJob_UserDataOver1024_ReturnsInvalidArgument()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SubmitRawAsync("a.mp4", extraOperation: "<UserData>" + new string('x', 1025) + "</UserData>");

        Assert.Equal("InvalidArgument", response.ErrorCode);
    }

    [Theory]
    [InlineData("<Request><Tag>QualityEstimate</Tag>")]
    [InlineData("not xml")]
    [InlineData("<Other/>")]
    [InlineData("")]
    public async Task SubmitJob_MalformedBody_ReturnsMalformedXml(string body)
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", body);

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
    }

    [Fact]
    public async Task SubmitJob_TdmqWithMqConfig_IsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SubmitRawAsync("a.mp4", extraRequest: "<CallBackType>TDMQ</CallBackType><CallBackMqConfig><MqRegion>gz</MqRegion><MqMode>Queue</MqMode><MqName>q</MqName></CallBackMqConfig>");

        Assert.Equal(200, response.Status);
    }
}
