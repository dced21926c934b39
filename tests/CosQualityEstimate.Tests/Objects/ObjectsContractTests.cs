using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Objects;

/// <summary>What the COS object host receives from <see cref="ObjectsClient"/>, byte for byte, with signatures checked by the independent reference signer. WireMock stands in for the object host on 127.0.0.1.</summary>
public sealed class ObjectsContractTests : IDisposable
{
    private const int MB = 1024 * 1024;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private readonly WireMockService _service = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-contract-").FullName;

    public void Dispose()
    {
        _service.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ObjectsClient CreateClient(int maxRetries = 3) => new(new ObjectsClientOptions
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = _service.Endpoint,
        Credential = WireMockService.Credential,
        TimeProvider = new AutoAdvanceTimeProvider(Now),
        MultipartThreshold = MB,
        PartSize = MB,
        MaxConcurrency = 1,
        Retry = new ObjectsRetryOptions { MaxRetries = maxRetries, AttemptTimeout = Timeout.InfiniteTimeSpan },
    });

    private (string Path, byte[] Content) CreateFile(int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var path = System.IO.Path.Combine(_directory, "f.bin");
        File.WriteAllBytes(path, content);
        return (path, content);
    }

    private static string Md5Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static Dictionary<string, string> HeadersOf(WireMock.IRequestMessage received) =>
        received.Headers!.ToDictionary(h => h.Key, h => h.Value.Single(), StringComparer.OrdinalIgnoreCase);

    private static List<KeyValuePair<string, string>> QueryOf(WireMock.IRequestMessage received) =>
        (received.RawQuery ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
            .ToList();

    private static void AssertSigned(WireMock.IRequestMessage received, string decodedPath)
    {
        var headers = HeadersOf(received);
        Assert.True(ReferenceSigner.Verify(WireMockService.Credential, headers["Authorization"], received.Method, decodedPath, QueryOf(received), headers), $"signature of {received.Method} {received.Url}");
        Assert.Contains("host", headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadFile_SmallFile_SendsOnePutWithExactBytesAndSignedContentHeaders()
    {
        var (path, content) = CreateFile(1000);
        _service.Server.Given(Request.Create().WithPath("/videos/*").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{Md5Hex(content)}\"").WithHeader("x-cos-request-id", "req-put"));

        var result = await CreateClient().UploadFileAsync(path, "videos/a b+c.mp4", new UploadFileOptions { ContentType = "video/mp4" });

        var received = Assert.Single(_service.Requests).RequestMessage;
        Assert.Equal("PUT", received.Method);
        Assert.True(string.IsNullOrEmpty(received.RawQuery));
        Assert.Equal(content, received.BodyAsBytes);
        var headers = HeadersOf(received);
        Assert.Equal("video/mp4", headers["Content-Type"]);
        Assert.Equal("1000", headers["Content-Length"]);
        Assert.Contains("q-header-list=content-length;content-type;host&", headers["Authorization"], StringComparison.Ordinal);
        AssertSigned(received, "/videos/a b+c.mp4");
        Assert.Equal("req-put", result.RequestId);
        Assert.Equal($"\"{Md5Hex(content)}\"", result.ETag);
    }

    [Fact]
    public async Task UploadFile_SendContentMd5_SendsAndSignsTheBase64Md5()
    {
        var (path, content) = CreateFile(500);
        _service.Server.Given(Request.Create().WithPath("/k.bin").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{Md5Hex(content)}\""));

        await CreateClient().UploadFileAsync(path, "k.bin", new UploadFileOptions { SendContentMd5 = true });

        var received = Assert.Single(_service.Requests).RequestMessage;
        var headers = HeadersOf(received);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(content)), headers["Content-MD5"]);
        Assert.Contains("content-md5", headers["Authorization"], StringComparison.Ordinal);
        AssertSigned(received, "/k.bin");
    }

    [Fact]
    public async Task UploadFile_ETagNeverMatchesSentBytes_ResendsThenThrowsIntegrityError()
    {
        var (path, _) = CreateFile(100);
        _service.Server.Given(Request.Create().WithPath("/k.bin").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"00000000000000000000000000000000\"").WithHeader("x-cos-request-id", "req-bad"));

        var error = await Assert.ThrowsAsync<CosDataIntegrityException>(() => CreateClient(maxRetries: 2).UploadFileAsync(path, "k.bin"));

        Assert.Equal(3, _service.Requests.Count);
        Assert.Equal("k.bin", error.ObjectKey);
        Assert.Null(error.PartNumber);
        Assert.Equal("req-bad", error.RequestId);
    }

    [Fact]
    public async Task UploadFile_AboveThreshold_ListsUploadsInitiatesSendsPartsAndCompletesWithExactXml()
    {
        var (path, content) = CreateFile((2 * MB) + 5);
        var md5s = Enumerable.Range(0, 3).Select(i => Md5Hex(content.AsSpan(i * MB, Math.Min(MB, content.Length - (i * MB))))).ToArray();
        _service.Server.Given(Request.Create().WithPath("/").WithParam("uploads").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<ListMultipartUploadsResult><Bucket>examplebucket-1250000000</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"));
        _service.Server.Given(Request.Create().WithPath("/v/big.mp4").WithParam("uploads").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<InitiateMultipartUploadResult><Bucket>examplebucket-1250000000</Bucket><Key>v/big.mp4</Key><UploadId>1585130821cbb7df1d11846c073ad648e8f33b087cec2381df437acdc833cf654b9ecc6361</UploadId></InitiateMultipartUploadResult>"));
        for (var part = 1; part <= 3; part++)
        {
            _service.Server.Given(Request.Create().WithPath("/v/big.mp4").WithParam("partNumber", part.ToString(CultureInfo.InvariantCulture)).UsingPut())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{md5s[part - 1]}\""));
        }

        _service.Server.Given(Request.Create().WithPath("/v/big.mp4").WithParam("uploadId").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-cos-request-id", "req-complete").WithBody("<CompleteMultipartUploadResult><Location>examplebucket-1250000000.cos.ap-beijing.myqcloud.com/v/big.mp4</Location><Bucket>examplebucket-1250000000</Bucket><Key>v/big.mp4</Key><ETag>\"aa3a5a8b4b8e4c1ff0b4e2c5e4b8d8b1-3\"</ETag></CompleteMultipartUploadResult>"));

        var result = await CreateClient().UploadFileAsync(path, "v/big.mp4");

        var requests = _service.Requests.Select(r => r.RequestMessage).ToList();
        Assert.Equal(["GET", "POST", "PUT", "PUT", "PUT", "POST"], requests.Select(r => r.Method));
        Assert.Equal("uploads&encoding-type=url&prefix=v%2Fbig.mp4", requests[0].RawQuery!.TrimStart('?'));
        Assert.Equal("uploads", requests[1].RawQuery!.TrimStart('?'));
        for (var part = 1; part <= 3; part++)
        {
            var put = requests[1 + part];
            Assert.Equal($"partNumber={part}&uploadId=1585130821cbb7df1d11846c073ad648e8f33b087cec2381df437acdc833cf654b9ecc6361", put.RawQuery!.TrimStart('?'));
            Assert.Equal(content.AsSpan((part - 1) * MB, Math.Min(MB, content.Length - ((part - 1) * MB))).ToArray(), put.BodyAsBytes);
        }

        var expectedXml = "<CompleteMultipartUpload>" + string.Concat(md5s.Select((m, i) => $"<Part><PartNumber>{i + 1}</PartNumber><ETag>&quot;{m}&quot;</ETag></Part>")) + "</CompleteMultipartUpload>";
        Assert.Equal(expectedXml, Encoding.UTF8.GetString(requests[5].BodyAsBytes!));
        Assert.Equal("application/xml", HeadersOf(requests[5])["Content-Type"]);
        foreach (var request in requests)
        {
            AssertSigned(request, new Uri(request.Url).AbsolutePath == "/" ? "/" : "/v/big.mp4");
        }

        Assert.Equal("\"aa3a5a8b4b8e4c1ff0b4e2c5e4b8d8b1-3\"", result.ETag);
        Assert.Equal("req-complete", result.RequestId);
        Assert.Equal(3, result.PartCount);
    }

    [Fact]
    public async Task UploadFile_CompleteAnswersErrorInA200Body_SurfacesTheServiceError()
    {
        var (path, content) = CreateFile(MB + 1);
        _service.Server.Given(Request.Create().WithPath("/").WithParam("uploads").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<ListMultipartUploadsResult><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("uploads").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<InitiateMultipartUploadResult><UploadId>u1</UploadId></InitiateMultipartUploadResult>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("partNumber", "1").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{Md5Hex(content.AsSpan(0, MB))}\""));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("partNumber", "2").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{Md5Hex(content.AsSpan(MB))}\""));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("uploadId").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<Error><Code>InvalidPart</Code><Message>One or more of the specified parts could not be found.</Message><RequestId>req-err</RequestId></Error>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("uploadId").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204));

        var error = await Assert.ThrowsAsync<CosServiceException>(() => CreateClient().UploadFileAsync(path, "k.bin"));

        Assert.Equal("InvalidPart", error.ErrorCode);
        Assert.Equal("req-err", error.RequestId);
        Assert.Equal("DELETE", _service.Requests.Last().RequestMessage.Method); // a permanent refusal aborts the upload
    }

    [Fact]
    public async Task UploadFile_CompleteOutcomeUnknownAndUploadGoneAndObjectNotOurs_ThrowsWithoutResending()
    {
        var (path, content) = CreateFile(MB + 1);
        _service.Server.Given(Request.Create().WithPath("/").WithParam("uploads").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<ListMultipartUploadsResult><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("uploads").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<InitiateMultipartUploadResult><UploadId>u1</UploadId></InitiateMultipartUploadResult>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("partNumber", "1").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{Md5Hex(content.AsSpan(0, MB))}\""));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("partNumber", "2").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"{Md5Hex(content.AsSpan(MB))}\""));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("uploadId").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("<Error><Code>InternalError</Code><Message>x</Message></Error>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").WithParam("uploadId").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("<Error><Code>NoSuchUpload</Code><Message>gone</Message></Error>"));
        _service.Server.Given(Request.Create().WithPath("/k.bin").UsingHead())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"ffffffffffffffffffffffffffffffff-2\"").WithHeader("Content-Length", (MB + 1).ToString(CultureInfo.InvariantCulture)));

        var error = await Assert.ThrowsAsync<CosServiceException>(() => CreateClient().UploadFileAsync(path, "k.bin"));

        Assert.Equal(500, error.Status);
        var methods = _service.Requests.Select(r => r.RequestMessage.Method).ToList();
        // One Initiate, one Complete (not resent): List Parts said the upload is gone, HEAD showed an object that is not ours.
        Assert.Equal(["GET", "POST", "PUT", "PUT", "POST", "GET", "HEAD"], methods);
    }

    [Fact]
    public async Task GetObjectProperties_HeadAnswers_MapsHeadersOrNullOn404()
    {
        _service.Server.Given(Request.Create().WithPath("/v/a.mp4").UsingHead())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"ee8de918d05640145b18f70f4c3aa602\"").WithHeader("Content-Length", "16777216")
                .WithHeader("Content-Type", "video/mp4").WithHeader("Last-Modified", "Wed, 28 Oct 2020 03:45:12 GMT").WithHeader("x-cos-hash-crc64ecma", "16749565679157681890"));
        _service.Server.Given(Request.Create().WithPath("/v/none.mp4").UsingHead()).RespondWith(Response.Create().WithStatusCode(404));
        var client = CreateClient();

        var found = await client.GetObjectPropertiesAsync("v/a.mp4");
        var missing = await client.GetObjectPropertiesAsync("v/none.mp4");

        Assert.NotNull(found);
        Assert.Equal(16777216, found.Size);
        Assert.Equal("\"ee8de918d05640145b18f70f4c3aa602\"", found.ETag);
        Assert.Equal("video/mp4", found.ContentType);
        Assert.Equal(new DateTimeOffset(2020, 10, 28, 3, 45, 12, TimeSpan.Zero), found.LastModified);
        Assert.Equal("16749565679157681890", found.Crc64Ecma);
        Assert.Null(missing);
        AssertSigned(_service.Requests[0].RequestMessage, "/v/a.mp4");
    }

    [Fact]
    public async Task DeleteObject_SendsSignedDelete()
    {
        _service.Server.Given(Request.Create().WithPath("/v/a.mp4").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        await CreateClient().DeleteObjectAsync("v/a.mp4");

        var received = Assert.Single(_service.Requests).RequestMessage;
        Assert.Equal("DELETE", received.Method);
        AssertSigned(received, "/v/a.mp4");
    }

    [Fact]
    public async Task ListObjects_UrlEncodedPages_FollowsNextMarkerAndDecodesKeys()
    {
        _service.Server.Given(Request.Create().WithPath("/").WithParam("marker", "v/b.mp4").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                "<ListBucketResult><Name>examplebucket-1250000000</Name><EncodingType>url</EncodingType><Prefix>v%2F</Prefix><Marker>v%2Fb.mp4</Marker><MaxKeys>2</MaxKeys><IsTruncated>false</IsTruncated>"
                + "<Contents><Key>v%2Fc%20d%2Be.mp4</Key><LastModified>2020-10-28T03:45:12.000Z</LastModified><ETag>\"e1\"</ETag><Size>7</Size><StorageClass>STANDARD</StorageClass><Unknown>kept out</Unknown></Contents></ListBucketResult>"));
        _service.Server.Given(Request.Create().WithPath("/").WithParam("max-keys", "2").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                "<ListBucketResult><Name>examplebucket-1250000000</Name><EncodingType>url</EncodingType><Prefix>v%2F</Prefix><Marker></Marker><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>v%2Fb.mp4</NextMarker>"
                + "<Contents><Key>v%2Fa.mp4</Key><LastModified>2020-10-28T03:45:12.000Z</LastModified><ETag>\"e1\"</ETag><Size>1</Size></Contents>"
                + "<Contents><Key>v%2Fb.mp4</Key><LastModified>2020-10-28T03:45:12.000Z</LastModified><ETag>\"e2\"</ETag><Size>2</Size></Contents></ListBucketResult>"));

        var items = new List<ObjectItem>();
        await foreach (var item in CreateClient().ListObjectsAsync("v/", pageSize: 2))
        {
            items.Add(item);
        }

        Assert.Equal(["v/a.mp4", "v/b.mp4", "v/c d+e.mp4"], items.Select(i => i.Key));
        Assert.Equal([1L, 2L, 7L], items.Select(i => i.Size));
        Assert.Equal(new DateTimeOffset(2020, 10, 28, 3, 45, 12, TimeSpan.Zero), items[0].LastModified);
        var requests = _service.Requests.Select(r => r.RequestMessage).ToList();
        Assert.Equal("encoding-type=url&prefix=v%2F&max-keys=2", requests[0].RawQuery!.TrimStart('?'));
        Assert.Equal("encoding-type=url&prefix=v%2F&marker=v%2Fb.mp4&max-keys=2", requests[1].RawQuery!.TrimStart('?'));
        foreach (var request in requests)
        {
            AssertSigned(request, "/");
        }
    }
}
