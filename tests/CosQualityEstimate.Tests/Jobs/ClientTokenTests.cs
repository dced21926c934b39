using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Tests.Jobs;

public sealed class ClientTokenTests
{
    [Theory]
    [InlineData(null, "cqe-token:abc")]
    [InlineData("", "cqe-token:abc")]
    [InlineData("my data", "my data cqe-token:abc")]
    public void Append_UserData_AddsTheMarkerAtTheEnd(string? userData, string expected) =>
        Assert.Equal(expected, ClientToken.Append(userData, "abc"));

    [Theory]
    [InlineData("cqe-token:abc", null, "abc")]
    [InlineData("my data cqe-token:abc_-1", "my data", "abc_-1")]
    [InlineData("my data", "my data", null)]
    [InlineData("xcqe-token:abc", "xcqe-token:abc", null)]
    [InlineData("data cqe-token:", "data cqe-token:", null)]
    [InlineData("data cqe-token:a b", "data cqe-token:a b", null)]
    public void Split_UserDataFromService_SeparatesUserTextAndToken(string userData, string? expectedUserData, string? expectedToken)
    {
        var (text, token) = ClientToken.Split(userData);

        Assert.Equal(expectedUserData, text);
        Assert.Equal(expectedToken, token);
    }

    [Fact]
    public void RoundTrip_RequestWithToken_JobDetailShowsUserDataAndTokenSeparately()
    {
        var request = new QualityEstimateJobRequest("a.mp4") { UserData = "order-42" };
        var wire = JobRequestConverter.ToWire(request, "tok123");
        var echoed = new JobDetailXml { JobId = "j1", Operation = new JobOperationXml { UserData = wire.Operation!.UserData } };

        var job = JobDetailConverter.ToPublic(echoed);

        Assert.Equal("order-42 cqe-token:tok123", wire.Operation.UserData);
        Assert.Equal("order-42", job.UserData);
        Assert.Equal("tok123", job.ClientToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void Validate_BadClientToken_ThrowsNamingTheField(string token)
    {
        var ex = Assert.Throws<ArgumentException>(() => JobRequestValidator.Validate(new QualityEstimateJobRequest("a.mp4") { ClientToken = token }));

        Assert.Equal("request.ClientToken", ex.ParamName);
    }

    [Fact]
    public void ValidateWithClientToken_UserDataTooLongForTheMarker_ThrowsNamingUserData()
    {
        var request = new QualityEstimateJobRequest("a.mp4") { UserData = new string('a', 1000) };

        var ex = Assert.Throws<ArgumentException>(() => JobRequestValidator.ValidateWithClientToken(request, ClientToken.New()));

        Assert.Equal("request.UserData", ex.ParamName);
        Assert.Contains("981", ex.Message, StringComparison.Ordinal);
    }
}
