using CosQualityEstimate.LocalAnalysis.Snapshots;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary><see cref="LocalFrameExtractor"/>: one frame of a local video with GetSnapshot's options, and its typed errors.</summary>
[Collection(ClipsCollection.Name)]
public sealed class LocalFrameExtractorTests(TestClips clips)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Jpeg_AtTheVideosOwnSize_ByDefault()
    {
        var frame = await new LocalFrameExtractor().ExtractAsync(clips.Get("clean"), 2);

        Assert.Equal(SnapshotFormat.Jpg, frame.Format);
        Assert.Equal("image/jpeg", frame.ContentType);
        Assert.Equal([0xFF, 0xD8, 0xFF], frame.Content[..3]);
        Assert.InRange(frame.DurationSeconds, 7.5, 8.5);
        Assert.Equal(2, frame.TimeSeconds);
    }

    [Fact]
    public async Task Png_ScaledToTheRequestedWidth_TheHeightFollowing()
    {
        var frame = await new LocalFrameExtractor().ExtractAsync(clips.Get("clean"), 1, new SnapshotOptions { Width = 160, Format = SnapshotFormat.Png });

        Assert.Equal(PngSignature, frame.Content[..8]);
        Assert.Equal(160, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frame.Content.AsSpan(16)));
        Assert.Equal(90, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frame.Content.AsSpan(20)));
    }

    [Fact]
    public async Task Keyframe_BeforeTheTime_IsAFrameToo()
    {
        var frame = await new LocalFrameExtractor().ExtractAsync(clips.Get("clean"), 5.5, new SnapshotOptions { Mode = SnapshotMode.KeyFrame, Rotate = SnapshotRotation.Off });

        Assert.Equal([0xFF, 0xD8, 0xFF], frame.Content[..3]);
    }

    [Fact]
    public async Task TimePastTheEnd_IsArgumentOutOfRange_NamingTheDuration()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new LocalFrameExtractor().ExtractAsync(clips.Get("clean"), 8.5));

        Assert.Equal("timeSeconds", error.ParamName);
        Assert.Contains("past the end", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public async Task BadTime_IsRefusedBeforeFfmpegRuns(double time)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new LocalFrameExtractor(new LocalAnalysisOptions { FfmpegPath = "/nonexistent/ffmpeg" }).ExtractAsync("whatever.mp4", time));

        Assert.Equal("timeSeconds", error.ParamName);
    }

    [Fact]
    public async Task AudioOnly_IsMediaUnreadable_NoVideoStream()
    {
        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalFrameExtractor().ExtractAsync(clips.Get("audioonly"), 1));

        Assert.Contains("no video stream", error.FfmpegReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_IsMediaUnreadable()
    {
        var error = await Assert.ThrowsAsync<MediaUnreadableException>(() => new LocalFrameExtractor().ExtractAsync(Path.Combine(clips.Directory, "none.mp4"), 1));

        Assert.Equal("no such file", error.FfmpegReason);
    }

    [Fact]
    public async Task MissingFfmpeg_IsFfmpegNotFound()
    {
        await Assert.ThrowsAsync<FfmpegNotFoundException>(() => new LocalFrameExtractor(new LocalAnalysisOptions { SearchPath = "/nonexistent-dir" }).ExtractAsync(clips.Get("clean"), 1));
    }

    [Fact]
    public void Arguments_AreGetSnapshotsOptionsAsFfmpegFlags()
    {
        var arguments = LocalFrameExtractor.Arguments("file:/v.mp4", 12.3456, new SnapshotOptions { Height = 90, Format = SnapshotFormat.Png, Rotate = SnapshotRotation.Off, Mode = SnapshotMode.KeyFrame });

        Assert.Equal(
            ["-hide_banner", "-nostdin", "-v", "error", "-noautorotate", "-skip_frame", "nokey", "-noaccurate_seek", "-ss", "12.346", "-i", "file:/v.mp4",
             "-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", "1", "-fps_mode", "passthrough", "-vf", "scale=-1:90", "-c:v", "png", "-f", "image2pipe", "pipe:1"],
            arguments);
    }
}
