using System.Globalization;
using System.Net;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Http;

/// <summary>
/// One core under both clients (issue 13): one validator with one wording, run before anything is created; one signer
/// and clock offset shared by a <see cref="JobsClient"/> and its <see cref="JobsClient.Objects"/>; the object endpoint
/// derived from the bucket unless the endpoint is a loopback emulator.
/// </summary>
public sealed class ClientCoreTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private static readonly CosCredential Credential = new("AKIDcore00000000000000000000000000", "coreSecret0000000000000000000000");

    private static T Fill<T>(T options, Uri? endpoint = null)
        where T : CosClientOptions
    {
        options.Bucket = "examplebucket-1250000000";
        options.Region = "ap-beijing";
        options.Endpoint = endpoint;
        options.Credential = Credential;
        options.TimeProvider = new AutoAdvanceTimeProvider(Start);
        return options;
    }

    public static TheoryData<string, Action<CosClientOptions>> SharedMistakes => new()
    {
        { "bucket without APPID", o => o.Bucket = "examplebucket" },
        { "no bucket", o => o.Bucket = null },
        { "region with spaces", o => o.Region = "AP Beijing" },
        { "no credential", o => o.Credential = null },
        { "ftp endpoint", o => o.Endpoint = new Uri("ftp://127.0.0.1/") },
        { "short signature", o => o.SignatureValidity = TimeSpan.FromSeconds(5) },
        { "token header", o => o.SessionTokenHeaderName = "Authorization" },
    };

    private static string MessageOf(Action create, string optionsType)
    {
        var ex = Assert.Throws<ArgumentException>(create);
        Assert.StartsWith("Invalid " + optionsType + ": ", ex.Message, StringComparison.Ordinal);
        return ex.Message["Invalid ".Length..].Replace(optionsType + ": ", string.Empty, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SharedMistakes))]
    public void SharedSettingMistake_BothClientsRefuseItWithTheSameWords(string mistake, Action<CosClientOptions> apply)
    {
        var jobs = Fill(new JobsClientOptions(), new Uri("http://127.0.0.1:9/"));
        var objects = Fill(new ObjectsClientOptions(), new Uri("http://127.0.0.1:9/"));
        apply(jobs);
        apply(objects);

        var jobsMessage = MessageOf(() => new JobsClient(jobs), "JobsClientOptions");
        var objectsMessage = MessageOf(() => new ObjectsClient(objects), "ObjectsClientOptions");

        Assert.False(string.IsNullOrWhiteSpace(jobsMessage), mistake);
        Assert.Equal(jobsMessage, objectsMessage);
    }

    [Fact]
    public void RetryMistake_BothClientsRefuseItWithTheSameWords()
    {
        var jobs = Fill(new JobsClientOptions());
        var objects = Fill(new ObjectsClientOptions());
        jobs.Retry.MaxRetries = 11;
        objects.Retry.MaxRetries = 11;
        jobs.Retry.AttemptTimeout = TimeSpan.FromTicks(1);
        objects.Retry.AttemptTimeout = TimeSpan.FromTicks(1);

        Assert.Equal(MessageOf(() => new JobsClient(jobs), "JobsClientOptions"), MessageOf(() => new ObjectsClient(objects), "ObjectsClientOptions"));
    }

    [Fact]
    public void CustomCiEndpoint_ObjectsGoToTheBucketsCosHostNotTheCiHost()
    {
        using var client = new JobsClient(Fill(new JobsClientOptions(), new Uri("https://ci-proxy.example.com/")));

        Assert.Equal(new Uri("https://ci-proxy.example.com/"), client.Endpoint);
        Assert.Equal(new Uri("https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/"), client.Objects.Endpoint);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]:8080/")]
    public void LoopbackEndpoint_AnEmulatorServesObjectsToo(string endpoint)
    {
        using var client = new JobsClient(Fill(new JobsClientOptions(), new Uri(endpoint)));

        Assert.Equal(new Uri(endpoint), client.Objects.Endpoint);
    }

    [Fact]
    public void ObjectsEndpointOrConfigureObjects_WinOverTheDerivedHost()
    {
        var options = Fill(new JobsClientOptions(), new Uri("https://ci-proxy.example.com/"));
        options.ObjectsEndpoint = new Uri("https://cos-proxy.example.com/");
        using var withObjectsEndpoint = new JobsClient(options);
        options.ConfigureObjects = o => o.Endpoint = new Uri("https://other.example.com/");
        using var withConfigure = new JobsClient(options);

        Assert.Equal(new Uri("https://cos-proxy.example.com/"), withObjectsEndpoint.Objects.Endpoint);
        Assert.Equal(new Uri("https://other.example.com/"), withConfigure.Objects.Endpoint);
    }

    public static TheoryData<string, Action<JobsClientOptions>> ObjectSettingMistakes => new()
    {
        { "UploadKeyPrefix", o => o.UploadKeyPrefix = "/uploads/" },
        { "ObjectsEndpoint must be an absolute http or https URI", o => o.ObjectsEndpoint = new Uri("ftp://127.0.0.1/") },
        { "ConfigureObjects: PartSize must be between 1 MB and 5 GB", o => o.ConfigureObjects = objects => objects.PartSize = 1 },
        { "ConfigureObjects may change the object client's endpoint, retries and transfer settings only", o => o.ConfigureObjects = objects => objects.Credential = new CosCredential("AKIDother", "otherSecret") },
        { "ConfigureObjects threw InvalidOperationException: boom", o => o.ConfigureObjects = _ => throw new InvalidOperationException("boom") },
    };

    [Theory]
    [MemberData(nameof(ObjectSettingMistakes))]
    public void ObjectSettingMistake_IsAnOptionsErrorOfTheJobsClientNamingTheSetting(string expected, Action<JobsClientOptions> apply)
    {
        var options = Fill(new JobsClientOptions(), new Uri("http://127.0.0.1:9/"));
        apply(options);

        var ex = Assert.Throws<ArgumentException>(() => new JobsClient(options));

        Assert.StartsWith("Invalid JobsClientOptions: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public async Task JobsClientAndItsObjects_ShareOneClockOffset()
    {
        var serverNow = Start.AddHours(1);
        var handler = new ScriptedHandler((request, call) =>
        {
            if (call == 0)
            {
                var skewed = ScriptedHandler.Xml("<Error><Code>RequestTimeTooSkewed</Code><Message>skewed</Message></Error>", HttpStatusCode.Forbidden);
                skewed.Headers.Date = serverNow;
                return skewed;
            }

            if (request.Method == HttpMethod.Head)
            {
                var head = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
                head.Headers.TryAddWithoutValidation("ETag", "\"0123456789abcdef0123456789abcdef\"");
                return head;
            }

            return ScriptedHandler.Xml("<Response><JobsDetail><JobId>j1</JobId><State>Running</State><Tag>QualityEstimate</Tag></JobsDetail></Response>");
        });
        using var client = new JobsClient(new HttpClient(handler), Fill(new JobsClientOptions(), new Uri("http://127.0.0.1:9/")));

        await client.GetJobAsync("j1"); // learns the service's clock from RequestTimeTooSkewed
        await client.Objects.GetObjectPropertiesAsync("videos/a.mp4"); // never skewed itself

        Assert.Equal(3, handler.Requests.Count);
        Assert.StartsWith("HEAD /videos/a.mp4", handler.Requests[2], StringComparison.Ordinal);
        Assert.True(SignStart(handler.Authorizations[2]) >= serverNow.AddMinutes(-1).ToUnixTimeSeconds(), "the object request is signed on the service's clock");
    }

    private static long SignStart(string authorization)
    {
        var field = authorization.Split('&').Single(p => p.StartsWith("q-sign-time=", StringComparison.Ordinal));
        return long.Parse(field["q-sign-time=".Length..].Split(';')[0], CultureInfo.InvariantCulture);
    }
}
