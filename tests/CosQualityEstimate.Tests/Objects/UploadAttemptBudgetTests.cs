using System.Net;
using System.Security.Cryptography;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Objects;

/// <summary>
/// One budget per PUT: an object or a part is sent at most <c>MaxRetries + 1</c> times in all, whatever the mix of
/// transient failures, wrong ETags and clock-skew resends (issue 13: it was up to 16 with the defaults).
/// </summary>
public sealed class UploadAttemptBudgetTests : IDisposable
{
    private const int MB = 1024 * 1024;
    private const string WrongETag = "\"00000000000000000000000000000000\"";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-budget-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ObjectsClient Client(ScriptedHandler handler, int maxRetries) => new(
        new HttpClient(handler),
        new ObjectsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDbudget0000000000000000000000", "budgetSecret000000000000000000000"),
            TimeProvider = new AutoAdvanceTimeProvider(Start),
            MultipartThreshold = MB,
            PartSize = MB,
            MaxConcurrency = 1,
            Retry = new ObjectsRetryOptions { MaxRetries = maxRetries, AttemptTimeout = Timeout.InfiniteTimeSpan },
        });

    private string CreateFile(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = Path.Combine(_directory, "f.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static HttpResponseMessage Status(HttpStatusCode status) =>
        ScriptedHandler.Xml($"<Error><Code>ServiceUnavailable</Code><Message>busy</Message><RequestId>r</RequestId></Error>", status);

    private static HttpResponseMessage PutAnswer(string etag)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("ETag", etag);
        return response;
    }

    /// <summary>Three transient failures, then a wrong ETag, again and again: the worst mix for nested retry loops.</summary>
    private static HttpResponseMessage FailuresThenWrongETag(int put) => put % 4 < 3 ? Status(HttpStatusCode.ServiceUnavailable) : PutAnswer(WrongETag);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task SinglePut_TransientFailuresAndWrongETags_IsSentAtMostMaxRetriesPlusOneTimes(int maxRetries)
    {
        var handler = new ScriptedHandler((_, call) => FailuresThenWrongETag(call));

        await Assert.ThrowsAnyAsync<CosException>(() => Client(handler, maxRetries).UploadFileAsync(CreateFile(1000), "k.bin"));

        Assert.Equal(maxRetries + 1, handler.Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SinglePut_ETagNeverMatches_IsDataIntegrityErrorAfterMaxRetriesPlusOnePuts()
    {
        var handler = new ScriptedHandler((_, _) => PutAnswer(WrongETag));

        var error = await Assert.ThrowsAsync<CosDataIntegrityException>(() => Client(handler, 3).UploadFileAsync(CreateFile(1000), "k.bin"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal("k.bin", error.ObjectKey);
    }

    [Fact]
    public async Task SinglePut_WrongETagOnce_IsResentAndSucceeds()
    {
        var path = CreateFile(1000);
        var md5 = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));
        var handler = new ScriptedHandler((_, call) => PutAnswer(call == 0 ? WrongETag : $"\"{md5}\""));

        var result = await Client(handler, 3).UploadFileAsync(path, "k.bin");

        Assert.Equal($"\"{md5}\"", result.ETag);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task SinglePut_ClockSkewThenWrongETags_ClockResendCountsAgainstTheSameBudget()
    {
        var handler = new ScriptedHandler((_, call) =>
        {
            if (call == 0)
            {
                var skewed = ScriptedHandler.Xml("<Error><Code>RequestTimeTooSkewed</Code><Message>skewed</Message></Error>", HttpStatusCode.Forbidden);
                skewed.Headers.Date = Start.AddHours(1);
                return skewed;
            }

            return PutAnswer(WrongETag);
        });

        await Assert.ThrowsAsync<CosDataIntegrityException>(() => Client(handler, 2).UploadFileAsync(CreateFile(1000), "k.bin"));

        Assert.Equal(3, handler.Requests.Count); // skewed + 2 wrong ETags: MaxRetries + 1 in all
    }

    [Fact]
    public async Task UploadPart_TransientFailuresAndWrongETags_PartIsSentAtMostMaxRetriesPlusOneTimes()
    {
        var handler = new ScriptedHandler((request, call) =>
        {
            var query = request.RequestUri!.Query;
            return (request.Method.Method, query) switch
            {
                ("GET", _) => ScriptedHandler.Xml("<ListMultipartUploadsResult><Bucket>examplebucket-1250000000</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"),
                ("POST", "?uploads") => ScriptedHandler.Xml("<InitiateMultipartUploadResult><Bucket>examplebucket-1250000000</Bucket><Key>k.bin</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>"),
                ("PUT", _) => FailuresThenWrongETag(call - 2),
                ("DELETE", _) => new HttpResponseMessage(HttpStatusCode.NoContent),
                _ => throw new InvalidOperationException("unexpected " + request.Method + " " + request.RequestUri),
            };
        });

        await Assert.ThrowsAnyAsync<CosException>(() => Client(handler, 3).UploadFileAsync(CreateFile((2 * MB) + 10), "k.bin"));

        var partOnePuts = handler.Requests.Count(r => r.StartsWith("PUT /k.bin?partNumber=1&", StringComparison.Ordinal));
        Assert.Equal(4, partOnePuts);
    }
}
