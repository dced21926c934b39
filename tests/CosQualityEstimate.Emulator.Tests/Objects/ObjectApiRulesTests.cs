using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace CosQualityEstimate.Emulator.Tests.Objects;

/// <summary>The emulator's object API enforces COS's rules, seen through raw signed requests.</summary>
public sealed class ObjectApiRulesTests
{
    private const int MB = 1024 * 1024;

    private static Action<HttpRequestMessage> Body(byte[] bytes, string? contentMd5 = null) => request =>
    {
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentLength = bytes.Length;
        if (contentMd5 is not null)
        {
            request.Content.Headers.ContentMD5 = Convert.FromBase64String(contentMd5);
        }
    };

    private static async Task<string> InitiateAsync(TestEmulator emu, string key)
    {
        var initiated = await emu.SendAsync(HttpMethod.Post, "/" + key + "?uploads");
        Assert.Equal(200, initiated.Status);
        return initiated.Xml.Element("UploadId")!.Value;
    }

    [Fact]
    public async Task PutObject_ContentMd5Mismatch_RefusedWithBadDigestAndNothingStored()
    {
        await using var emu = await TestEmulator.StartAsync();
        var bytes = new byte[100];

        var refused = await emu.SendAsync(HttpMethod.Put, "/a.bin", configure: Body(bytes, Convert.ToBase64String(MD5.HashData(new byte[] { 1 }))));
        var accepted = await emu.SendAsync(HttpMethod.Put, "/b.bin", configure: Body(bytes, Convert.ToBase64String(MD5.HashData(bytes))));

        Assert.Equal(400, refused.Status);
        Assert.Equal("BadDigest", refused.ErrorCode);
        Assert.Equal(200, accepted.Status);
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"", accepted.Header("ETag"));
        Assert.Equal(1, emu.Emulator.ObjectCount);
    }

    [Fact]
    public async Task CompleteMultipart_PartRules_EntityTooSmallInvalidPartInvalidPartOrder()
    {
        await using var emu = await TestEmulator.StartAsync();
        var uploadId = await InitiateAsync(emu, "m.bin");
        var small = new byte[1000];
        var part1 = await emu.SendAsync(HttpMethod.Put, $"/m.bin?partNumber=1&uploadId={uploadId}", configure: Body(small));
        var part2 = await emu.SendAsync(HttpMethod.Put, $"/m.bin?partNumber=2&uploadId={uploadId}", configure: Body(small));
        string Xml(params (int Number, string? ETag)[] parts) => "<CompleteMultipartUpload>" + string.Concat(parts.Select(p => $"<Part><PartNumber>{p.Number}</PartNumber><ETag>{p.ETag}</ETag></Part>")) + "</CompleteMultipartUpload>";

        var tooSmall = await emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", Xml((1, part1.Header("ETag")), (2, part2.Header("ETag"))));
        var wrongETag = await emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", Xml((1, "\"00000000000000000000000000000000\"")));
        var unordered = await emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", Xml((2, part2.Header("ETag")), (1, part1.Header("ETag"))));
        var single = await emu.SendAsync(HttpMethod.Post, $"/m.bin?uploadId={uploadId}", Xml((2, part2.Header("ETag"))));

        Assert.Equal("EntityTooSmall", tooSmall.ErrorCode);
        Assert.Equal("InvalidPart", wrongETag.ErrorCode);
        Assert.Equal("InvalidPartOrder", unordered.ErrorCode);
        Assert.Equal(200, single.Status); // the last (only) part may be small; unlisted part 1 is discarded
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(MD5.HashData(small)))}-1\"", single.Xml.Element("ETag")!.Value);
        Assert.Equal(0, emu.Emulator.PendingMultipartUploadCount);
        Assert.Equal("NoSuchUpload", (await emu.SendAsync(HttpMethod.Get, $"/m.bin?uploadId={uploadId}")).ErrorCode);
    }

    [Fact]
    public async Task ListParts_MaxParts_PagesWithNextPartNumberMarker()
    {
        await using var emu = await TestEmulator.StartAsync();
        var uploadId = await InitiateAsync(emu, "p.bin");
        for (var part = 1; part <= 3; part++)
        {
            await emu.SendAsync(HttpMethod.Put, $"/p.bin?partNumber={part}&uploadId={uploadId}", configure: Body(new byte[part]));
        }

        var first = await emu.SendAsync(HttpMethod.Get, $"/p.bin?uploadId={uploadId}&max-parts=2");
        var second = await emu.SendAsync(HttpMethod.Get, $"/p.bin?uploadId={uploadId}&max-parts=2&part-number-marker=2");

        Assert.Equal(["1", "2"], first.Xml.Elements("Part").Select(p => p.Element("PartNumber")!.Value));
        Assert.Equal("true", first.Xml.Element("IsTruncated")!.Value);
        Assert.Equal("2", first.Xml.Element("NextPartNumberMarker")!.Value);
        Assert.Equal(["3"], second.Xml.Elements("Part").Select(p => p.Element("Size")!.Value));
        Assert.Equal("false", second.Xml.Element("IsTruncated")!.Value);
    }

    [Fact]
    public async Task GetBucket_DelimiterAndMaxKeys_CommonPrefixesAndNextMarker()
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var key in new[] { "v/a.mp4", "v/sub/1.mp4", "v/sub/2.mp4", "v/z.mp4" })
        {
            Assert.Equal(200, (await emu.SendAsync(HttpMethod.Put, "/" + key, configure: Body([1, 2, 3]))).Status);
        }

        var page1 = await emu.SendAsync(HttpMethod.Get, "/?prefix=v%2F&delimiter=%2F&max-keys=2");
        var page2 = await emu.SendAsync(HttpMethod.Get, "/?prefix=v%2F&delimiter=%2F&max-keys=2&marker=" + Uri.EscapeDataString(page1.Xml.Element("NextMarker")!.Value));

        Assert.Equal(["v/a.mp4"], page1.Xml.Elements("Contents").Select(c => c.Element("Key")!.Value));
        Assert.Equal(["v/sub/"], page1.Xml.Elements("CommonPrefixes").Select(c => c.Element("Prefix")!.Value));
        Assert.Equal("true", page1.Xml.Element("IsTruncated")!.Value);
        Assert.Equal("v/sub/", page1.Xml.Element("NextMarker")!.Value);
        Assert.Equal(["v/z.mp4"], page2.Xml.Elements("Contents").Select(c => c.Element("Key")!.Value));
        Assert.Empty(page2.Xml.Elements("CommonPrefixes"));
        Assert.Equal("false", page2.Xml.Element("IsTruncated")!.Value);
    }

    [Fact]
    public async Task ObjectRequest_BadSignature_Refused403AndNothingStored()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Put, "/a.bin", configure: Body(new byte[10]), credential: new Signing.CosCredential(emu.Emulator.Credential.SecretId, "not-the-key"));

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
        Assert.Equal(0, emu.Emulator.ObjectCount);
    }

    [Fact]
    public async Task CosHost_JobsPath_IsAnObjectKey()
    {
        await using var emu = await TestEmulator.StartAsync();
        static void CosHost(HttpRequestMessage request)
        {
            Body([7])(request);
            request.Headers.Host = "examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com";
        }

        var put = await emu.SendAsync(HttpMethod.Put, "/jobs", configure: CosHost);

        Assert.Equal(200, put.Status);
        Assert.Equal("jobs", Assert.Single(emu.Emulator.GetObjectsSnapshot()).Key);
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }
}
