using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Tests.Jobs;

public sealed class JobsClientOptionsTests
{
    private static JobsClientOptions Valid() => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Credential = new CosCredential("id", "key"),
    };

    public static TheoryData<string, Action<JobsClientOptions>> InvalidOptions => new()
    {
        { "Bucket is required", o => o.Bucket = null },
        { "must be BucketName-APPID", o => o.Bucket = "examplebucket" },
        { "must be BucketName-APPID", o => o.Bucket = "Example-1250000000" },
        { "Region is required", o => o.Region = " " },
        { "Region \"ap beijing\"", o => o.Region = "ap beijing" },
        { "Credential or CredentialProvider is required", o => o.Credential = null },
        { "Endpoint must be an absolute http or https URI", o => o.Endpoint = new Uri("ftp://127.0.0.1/") },
        { "SignatureValidity", o => o.SignatureValidity = TimeSpan.FromSeconds(5) },
        { "SessionTokenHeaderName", o => o.SessionTokenHeaderName = "Authorization" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOption_ThrowsArgumentExceptionNamingTheRule(string expectedText, Action<JobsClientOptions> breakIt)
    {
        var options = Valid();
        breakIt(options);

        var ex = Assert.Throws<ArgumentException>(() => new JobsClient(options));

        Assert.Contains(expectedText, ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    // The signer signs any key-time window (as the official signers do); a useless validity is refused here instead.
    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(59)]
    public void Constructor_UselessSignatureValidity_ThrowsBeforeAnyRequest(int seconds)
    {
        var options = Valid();
        options.SignatureValidity = TimeSpan.FromSeconds(seconds);
        var handler = new CountingHandler();

        var ex = Assert.Throws<ArgumentException>(() => new JobsClient(new HttpClient(handler), options));

        Assert.Contains("SignatureValidity must be between 1 minute and 24 hours", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Sends);
    }

    [Fact]
    public void Constructor_NoEndpoint_UsesTheVirtualHostedCiEndpoint()
    {
        var client = new JobsClient(Valid());

        Assert.Equal(new Uri("https://examplebucket-1250000000.ci.ap-beijing.myqcloud.com/"), client.Endpoint);
    }

    [Fact]
    public void Constructor_InvalidOptions_MessageNeverContainsTheSecretKey()
    {
        var options = Valid();
        options.Credential = new CosCredential("id", "superSecretValue123");
        options.Bucket = null;

        var ex = Assert.Throws<ArgumentException>(() => new JobsClient(options));

        Assert.DoesNotContain("superSecretValue123", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtectedConstructor_ForMocking_CanBeSubclassed()
    {
        var mock = new MockJobsClient();

        var job = await mock.SubmitQualityEstimateJobAsync(new("a.mp4"));

        Assert.Equal("mock", job.JobId);
    }

    private sealed class MockJobsClient : JobsClient
    {
        public override Task<CosQualityEstimate.Models.JobDetail> SubmitQualityEstimateJobAsync(CosQualityEstimate.Models.QualityEstimateJobRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CosQualityEstimate.Models.JobDetail { JobId = "mock" });
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Sends { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sends++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
