using System.Diagnostics;
using CosQualityEstimate.Emulator.Snapshots;
using CosQualityEstimate.Emulator.Tests.Analysis;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Emulator.Tests.Snapshots;

/// <summary>
/// GetSnapshot when the emulator analyses objects (<see cref="CosEmulatorOptions.LocalAnalysis"/>): the object's real
/// frame by ffmpeg (a clip red for its first 2 s, blue after, generated at test time), a time past the end and a
/// non-video object as the service's 400s; and the hermetic JPEG placeholder decoded by ffmpeg.
/// </summary>
public sealed class FfmpegSnapshotTests : IDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-emu-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<byte[]> RedThenBlueAsync()
    {
        var path = Path.Combine(_directory, "rb.mp4");
        await FfmpegAsync(
            "-f", "lavfi", "-i", "color=c=red:size=320x180:rate=25:duration=2",
            "-f", "lavfi", "-i", "color=c=blue:size=320x180:rate=25:duration=2",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p", path);
        return await File.ReadAllBytesAsync(path);
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start (apt-get install ffmpeg)");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Budget);
        Assert.True(process.ExitCode == 0, "ffmpeg failed: " + await stderr);
    }

    private static (int R, int G, int B) Centre(byte[] rgb, int width, int height)
    {
        var i = (((height / 2) * width) + (width / 2)) * 3;
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    [Theory]
    [InlineData(SnapshotFormat.Jpg)]
    [InlineData(SnapshotFormat.Png)]
    public async Task LocalAnalysis_AnswersTheObjectsRealFrameAtThatTime(SnapshotFormat format)
    {
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "videos/rb.mp4", await RedThenBlueAsync());
        using var client = emu.CreateClient(clientTime: TimeProvider.System);
        var options = new SnapshotOptions { Width = 160, Format = format };

        var red = await client.Objects.GetSnapshotAsync("videos/rb.mp4", 0.5, options);
        var blue = await client.Objects.GetSnapshotAsync("videos/rb.mp4", 3.0, options);

        foreach (var (snapshot, expectRed) in new[] { (red, true), (blue, false) })
        {
            Assert.False(snapshot.IsSimulated);
            var bytes = snapshot.Content.ToArray();
            Assert.True(format == SnapshotFormat.Png ? PictureChecks.IsPng(bytes) : PictureChecks.IsJpeg(bytes));
            Assert.Equal((160, 90), format == SnapshotFormat.Png ? PictureChecks.PngSize(bytes) : PictureChecks.JpegSize(bytes));
            var rgb = await PictureChecks.RgbWithFfmpegAsync(bytes);
            Assert.Equal(160 * 90 * 3, rgb.Length);
            var (r, _, b) = Centre(rgb, 160, 90);
            Assert.True(expectRed ? r > 200 && b < 60 : b > 200 && r < 60, $"centre pixel r={r} b={b} at {snapshot.TimeSeconds} s");
        }
    }

    [Fact]
    public async Task LocalAnalysis_TimePastTheEnd_IsInvalidArgument400()
    {
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "videos/rb.mp4", await RedThenBlueAsync());
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var error = await Assert.ThrowsAsync<CosServiceException>(() => client.Objects.GetSnapshotAsync("videos/rb.mp4", 4.5));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.Contains("past the end", error.ServiceMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("cosqe-emulator-snapshot", error.ServiceMessage, StringComparison.Ordinal); // no temporary path
    }

    [Fact]
    public async Task LocalAnalysis_TextObject_IsInvalidArgument400()
    {
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "videos/notes.mp4", "meeting notes, not a video\n");
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var error = await Assert.ThrowsAsync<CosServiceException>(() => client.Objects.GetSnapshotAsync("videos/notes.mp4", 0));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.Contains("not a video", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalAnalysis_AudioOnlyObject_IsInvalidArgument400()
    {
        var path = Path.Combine(_directory, "tone.m4a");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2", "-c:a", "aac", path);
        await using var emu = await TestEmulator.StartAsync(static o => o.LocalAnalysis = true);
        await AnalysisHarness.PutObjectAsync(emu, "audio/tone.m4a", await File.ReadAllBytesAsync(path));
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var error = await Assert.ThrowsAsync<CosServiceException>(() => client.Objects.GetSnapshotAsync("audio/tone.m4a", 1));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.Contains("no video stream", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalAnalysisWithoutFfmpeg_FallsBackToThePlaceholder()
    {
        await using var emu = await TestEmulator.StartAsync(static o =>
        {
            o.LocalAnalysis = true;
            o.LocalAnalysisOptions = new LocalAnalysis.LocalAnalysisOptions { SearchPath = "/nonexistent-ffmpeg-dir" };
        });
        await AnalysisHarness.PutObjectAsync(emu, "a.mp4", "bytes"u8.ToArray());
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var snapshot = await client.Objects.GetSnapshotAsync("a.mp4", 1, new SnapshotOptions { Width = 32, Height = 32 });

        Assert.True(snapshot.IsSimulated);
    }

    [Fact]
    public async Task HermeticJpegPlaceholder_DecodesWithFfmpegToItsTiles()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AnalysisHarness.PutObjectAsync(emu, "videos/a.mp4", "bytes"u8.ToArray());
        using var client = emu.CreateClient(clientTime: TimeProvider.System);

        var snapshot = await client.Objects.GetSnapshotAsync("videos/a.mp4", 7.25, new SnapshotOptions { Width = 100, Height = 50 });

        var rgb = await PictureChecks.RgbWithFfmpegAsync(snapshot.Content.ToArray());
        Assert.Equal(100 * 50 * 3, rgb.Length);
        var (light, dark) = PlaceholderPicture.Colours("videos/a.mp4", 7.25);
        AssertNear(light, rgb, 0);                               // (0,0): a light tile
        AssertNear(dark, rgb, PlaceholderPicture.Tile * 3);      // (16,0): a dark tile
        AssertNear(dark, rgb, PlaceholderPicture.Tile * 100 * 3); // (0,16): a dark tile
    }

    private static void AssertNear((byte R, byte G, byte B) expected, byte[] rgb, int offset)
    {
        Assert.InRange(rgb[offset], expected.R - 4, expected.R + 4);
        Assert.InRange(rgb[offset + 1], expected.G - 4, expected.G + 4);
        Assert.InRange(rgb[offset + 2], expected.B - 4, expected.B + 4);
    }
}
