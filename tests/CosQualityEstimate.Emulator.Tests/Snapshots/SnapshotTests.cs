using CosQualityEstimate.Emulator.Snapshots;
using CosQualityEstimate.Emulator.Tests.Analysis;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Emulator.Tests.Snapshots;

/// <summary>
/// GetSnapshot in the hermetic emulator (no local analysis, so no ffmpeg involved): a deterministic placeholder of the
/// requested size marked <c>x-cosqe-simulated</c>, the service's errors, signatures checked.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly byte[] NotAVideo = "any bytes: the hermetic emulator never decodes objects"u8.ToArray();

    [Theory]
    [InlineData(320, 180, 320, 180)]
    [InlineData(0, 0, 640, 360)]
    [InlineData(160, 0, 160, 90)]
    [InlineData(0, 90, 160, 90)]
    [InlineData(33, 17, 33, 17)]
    public async Task Placeholder_Png_HasTheRequestedSizeAndDecodes(int width, int height, int expectedWidth, int expectedHeight)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "videos/a.mp4", NotAVideo);
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var snapshot = await client.Objects.GetSnapshotAsync("videos/a.mp4", 1.5, new SnapshotOptions { Width = width, Height = height, Format = SnapshotFormat.Png });

        Assert.True(snapshot.IsSimulated);
        Assert.Equal("image/png", snapshot.ContentType);
        var png = snapshot.Content.ToArray();
        Assert.True(PictureChecks.IsPng(png));
        Assert.Equal((expectedWidth, expectedHeight), PictureChecks.PngSize(png));
        var pixels = PictureChecks.PngPixelData(png);
        Assert.Equal(expectedHeight * (1 + (expectedWidth * 3)), pixels.Length);
        var (light, dark) = PlaceholderPicture.Colours("videos/a.mp4", 1.5);
        Assert.Equal([0, light.R, light.G, light.B], pixels[..4]); // row 0 starts on a light tile, filter byte 0
        if (expectedWidth > PlaceholderPicture.Tile)
        {
            var x = PlaceholderPicture.Tile * 3;
            Assert.Equal([dark.R, dark.G, dark.B], pixels[(1 + x)..(4 + x)]);
        }
    }

    [Theory]
    [InlineData(320, 180)]
    [InlineData(0, 0)]
    [InlineData(31, 9)]
    public async Task Placeholder_Jpeg_IsABaselineJpegOfTheRequestedSize(int width, int height)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "videos/a.mp4", NotAVideo);
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var snapshot = await client.Objects.GetSnapshotAsync("videos/a.mp4", 2, new SnapshotOptions { Width = width, Height = height });

        Assert.True(snapshot.IsSimulated);
        Assert.Equal("image/jpeg", snapshot.ContentType);
        var jpeg = snapshot.Content.ToArray();
        Assert.True(PictureChecks.IsJpeg(jpeg));
        Assert.Equal(width == 0 ? (640, 360) : (width, height), PictureChecks.JpegSize(jpeg));
    }

    [Fact]
    public async Task Placeholder_IsDeterministic_AndDiffersByTimeAndKey()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", NotAVideo);
        await AnalysisHarness.PutObjectAsync(emu, "b.mp4", NotAVideo);
        using var client = emu.CreateClient(clientTime: TimeProvider.System);
        var options = new SnapshotOptions { Width = 64, Height = 36, Format = SnapshotFormat.Png };

        var first = (await client.Objects.GetSnapshotAsync("a.mp4", 1, options)).Content.ToArray();
        var again = (await client.Objects.GetSnapshotAsync("a.mp4", 1, options)).Content.ToArray();
        var later = (await client.Objects.GetSnapshotAsync("a.mp4", 2, options)).Content.ToArray();
        var other = (await client.Objects.GetSnapshotAsync("b.mp4", 1, options)).Content.ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, later);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task MissingKey_IsNoSuchKey404()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var error = await Assert.ThrowsAsync<CosServiceException>(() => client.Objects.GetSnapshotAsync("videos/none.mp4", 1));

        Assert.Equal(404, error.Status);
        Assert.Equal("NoSuchKey", error.ErrorCode);
    }

    [Theory]
    [InlineData("ci-process=snapshot")]
    [InlineData("ci-process=snapshot&time=")]
    [InlineData("ci-process=snapshot&time=-1")]
    [InlineData("ci-process=snapshot&time=abc")]
    [InlineData("ci-process=snapshot&time=1&format=gif")]
    [InlineData("ci-process=snapshot&time=1&rotate=sideways")]
    [InlineData("ci-process=snapshot&time=1&mode=anyframe")]
    [InlineData("ci-process=snapshot&time=1&width=-5")]
    [InlineData("ci-process=snapshot&time=1&height=1.5")]
    [InlineData("ci-process=snapshot&time=1&width=100000")]
    public async Task BadParameters_AreInvalidArgument400(string query)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", NotAVideo);

        var response = await emu.SendAsync(HttpMethod.Get, "/a.mp4?" + query);

        Assert.Equal(400, response.Status);
        Assert.Equal("InvalidArgument", response.ErrorCode);
    }

    [Fact]
    public async Task RawRequest_WithDefaultsOnly_IsAJpegPlaceholder()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", NotAVideo);

        var response = await emu.SendAsync(HttpMethod.Get, "/a.mp4?ci-process=snapshot&time=1.5");

        Assert.Equal(200, response.Status);
        Assert.Equal("image/jpeg", response.MediaType);
        Assert.Equal("true", response.Header("x-cosqe-simulated"));
    }

    [Fact]
    public async Task WrongSecretKey_IsSignatureDoesNotMatch()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", NotAVideo);

        var response = await emu.SendAsync(HttpMethod.Get, "/a.mp4?ci-process=snapshot&time=1", credential: new CosCredential(emu.Emulator.Credential.SecretId, "wrongSecretKey0000000000000000000"));

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
    }

    [Fact]
    public async Task TimeParameterNotSigned_IsSignatureDoesNotMatch()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", NotAVideo);

        var response = await emu.SendAsync(HttpMethod.Get, "/a.mp4?ci-process=snapshot&time=1", signedQuery: q => q.Where(p => p.Key != "time").ToList());

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
    }

    [Fact]
    public async Task PlainGetObject_IsUnchangedByTheSnapshotRoute()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", NotAVideo);

        var response = await emu.SendAsync(HttpMethod.Get, "/a.mp4");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("x-cosqe-simulated"));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(NotAVideo), response.Body);
    }
}
