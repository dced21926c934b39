using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>Bad input fails with an ArgumentException naming the field, before anything is sent.</summary>
public sealed class JobRequestValidationTests : IDisposable
{
    private readonly WireMockService _service = new();

    public JobRequestValidationTests()
    {
        _service.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(500));
    }

    public void Dispose() => _service.Dispose();

    public static TheoryData<string, Action<QualityEstimateJobRequest>> InvalidRequests => new()
    {
        { "request.ObjectKey", r => r.ObjectKey = "" },
        { "request.ObjectKey", r => r.ObjectKey = "   " },
        { "request.Rotate", r => r.Rotate = 45 },
        { "request.Rotate", r => r.Rotate = -90 },
        { "request.Mode", r => r.Mode = (QualityEstimateMode)7 },
        { "request.JobLevel", r => r.JobLevel = 3 },
        { "request.JobLevel", r => r.JobLevel = -1 },
        { "request.UserData", r => r.UserData = new string('a', 1025) },
        { "request.UserData", r => r.UserData = "tab\there" },
        { "request.UserData", r => r.UserData = "中文" },
        { "request.UserData", r => r.UserData = "bell\u0007" },
        { "request.CallbackUrl", r => r.CallbackUrl = "callback.demo.com" },
        { "request.CallbackUrl", r => r.CallbackUrl = "ftp://callback.demo.com" },
        { "request.CallbackFormat", r => r.CallbackFormat = (CallbackFormat)9 },
        { "request.CallbackType", r => r.CallbackType = (CallbackType)9 },
        { "request.CallbackMqConfig", r => r.CallbackType = CallbackType.Tdmq },
        { "request.CallbackMqConfig.Region", r => { r.CallbackType = CallbackType.Tdmq; r.CallbackMqConfig = new() { Mode = "Queue", Name = "q" }; } },
        { "request.CallbackMqConfig.Mode", r => { r.CallbackType = CallbackType.Tdmq; r.CallbackMqConfig = new() { Region = "bj", Mode = "Fanout", Name = "q" }; } },
        { "request.CallbackMqConfig.Name", r => { r.CallbackType = CallbackType.Tdmq; r.CallbackMqConfig = new() { Region = "bj", Mode = "Topic" }; } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Submit_InvalidField_ThrowsArgumentExceptionNamingItAndSendsNothing(string field, Action<QualityEstimateJobRequest> breakIt)
    {
        var request = new QualityEstimateJobRequest("input/demo.mp4");
        breakIt(request);
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.SubmitQualityEstimateJobAsync(request));

        Assert.Equal(field, ex.ParamName);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task Submit_NullRequest_ThrowsArgumentNullException()
    {
        var client = _service.CreateClient();

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.SubmitQualityEstimateJobAsync(null!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void Validate_DocumentedRotations_AreAccepted(int rotate)
    {
        var request = new QualityEstimateJobRequest("a.mp4") { Rotate = rotate };

        var error = Record.Exception(() => CosQualityEstimate.Jobs.JobRequestValidator.Validate(request));

        Assert.Null(error);
        Assert.Contains($"<Rotate>{rotate}</Rotate>", WrittenBody(request), StringComparison.Ordinal);
    }

    private static string WrittenBody(QualityEstimateJobRequest request) =>
        System.Text.Encoding.UTF8.GetString(CosQualityEstimate.Serialization.JobRequestWriter.Write(
            CosQualityEstimate.Serialization.JobRequestConverter.ToWire(request, null)));

    [Fact]
    public void Validate_BoundaryValues_AreAccepted()
    {
        var request = new QualityEstimateJobRequest("a.mp4")
        {
            UserData = new string('~', 1024) + string.Empty,
            JobLevel = 2,
            CallbackUrl = "no",
            CallbackType = CallbackType.Tdmq,
            CallbackMqConfig = new() { Region = "bj", Mode = "Topic", Name = "t" },
        };

        var error = Record.Exception(() => CosQualityEstimate.Jobs.JobRequestValidator.Validate(request));

        Assert.Null(error);
        var body = WrittenBody(request);
        Assert.Contains("<UserData>" + new string('~', 1024) + "</UserData>", body, StringComparison.Ordinal);
        Assert.Contains("<JobLevel>2</JobLevel>", body, StringComparison.Ordinal);
        Assert.Contains("<CallBack>no</CallBack>", body, StringComparison.Ordinal);
        Assert.Contains("<CallBackType>TDMQ</CallBackType>", body, StringComparison.Ordinal);
        Assert.Contains("<MqRegion>bj</MqRegion>", body, StringComparison.Ordinal);
    }
}
