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

    /// <summary>The width and height in a JPEG's start-of-frame segment.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        throw new InvalidDataException("no start-of-frame segment");
    }

    [Fact]
    public async Task Thumbnail_IsAJpegScaledDownToTheWidth_NeverUp()
    {
        var extractor = new LocalFrameExtractor();
        var full = await extractor.ExtractAsync(clips.Get("clean"), 2);

        var small = await extractor.TryExtractThumbnailAsync(clips.Get("clean"), 2, 160, LocalFrameExtractor.MaxFrameBytes);
        var wide = await extractor.TryExtractThumbnailAsync(clips.Get("clean"), 2, 100_000, LocalFrameExtractor.MaxFrameBytes);

        Assert.NotNull(small);
        Assert.NotNull(wide);
        Assert.Equal("image/jpeg", small.ContentType);
        Assert.Equal(2, small.TimeSeconds);
        Assert.Equal(160, JpegSize(small.Content).Width);
        Assert.Equal(JpegSize(full.Content), JpegSize(wide.Content)); // never scaled up
    }

    [Fact]
    public async Task Thumbnail_None_PastTheEnd_AudioOnly_MissingFile_OrOverTheCapAtBothQualities()
    {
        var extractor = new LocalFrameExtractor();

        Assert.Null(await extractor.TryExtractThumbnailAsync(clips.Get("clean"), 60, 320, LocalFrameExtractor.MaxFrameBytes));
        Assert.Null(await extractor.TryExtractThumbnailAsync(clips.Get("audioonly"), 1, 320, LocalFrameExtractor.MaxFrameBytes));
        Assert.Null(await extractor.TryExtractThumbnailAsync(Path.Combine(clips.Directory, "none.mp4"), 1, 320, LocalFrameExtractor.MaxFrameBytes));
        Assert.Null(await extractor.TryExtractThumbnailAsync(clips.Get("clean"), 1, 320, 64));
    }

    [Fact]
    public async Task Thumbnail_BadArguments_AreRefusedBeforeFfmpegRuns_AndMissingFfmpegIsFfmpegNotFound()
    {
        var extractor = new LocalFrameExtractor(new LocalAnalysisOptions { FfmpegPath = "/nonexistent/ffmpeg" });

        Assert.Equal("timeSeconds", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => extractor.TryExtractThumbnailAsync("a.mp4", -1, 320, 1000))).ParamName);
        Assert.Equal("maxWidth", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => extractor.TryExtractThumbnailAsync("a.mp4", 1, 0, 1000))).ParamName);
        Assert.Equal("maxBytes", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => extractor.TryExtractThumbnailAsync("a.mp4", 1, 320, LocalFrameExtractor.MaxFrameBytes + 1))).ParamName);
        await Assert.ThrowsAsync<FfmpegNotFoundException>(() => new LocalFrameExtractor(new LocalAnalysisOptions { SearchPath = "/nonexistent-dir" }).TryExtractThumbnailAsync(clips.Get("clean"), 1, 320, 1000));
    }

    [Fact]
    public void Thumbnail_Arguments_AreTheOneFrameCommand_ScaledToAtMostTheWidth_AtTheGivenQuality()
    {
        Assert.Equal(
            ["-hide_banner", "-nostdin", "-v", "error", "-ss", "3.25", "-i", "file:/v/a.mp4", "-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", "1",
             "-vf", "scale='min(320,iw)':-2", "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "5", "-f", "image2pipe", "pipe:1"],
            LocalFrameExtractor.ThumbnailArguments("file:/v/a.mp4", 3.25, 320, LocalFrameExtractor.ThumbnailQuality));
    }
}
