using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Snapshots;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Frames of local files for <c>cosqe analyze</c>, run after the analysis (its own decode graph is not touched): the
/// library's one-frame ffmpeg (<see cref="LocalFrameExtractor.TryExtractThumbnailAsync"/>, the same code path as
/// <c>cosqe snapshot</c> and the emulator's GetSnapshot) — <c>ffmpeg -ss T -i file:PATH -map 0:v:0 -frames:v 1
/// -vf scale='min(W,iw)':-2 -c:v mjpeg -q:v 5 -f image2pipe pipe:1</c>, a fast input seek, so the cost is a keyframe
/// decode, not the clip — capped at <see cref="Journal.JournalFrames.MaxFrameBytes"/> (a larger frame is taken again
/// once at quality 12). Each frame is stopped after <see cref="Timeout"/>. The key is the file's full path. ffmpeg
/// missing, a file it cannot read or a time with no frame: no frame.
/// </summary>
internal sealed class FfmpegFrameSource : IFrameSource
{
    /// <summary>How long one frame may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly LocalFrameExtractor _extractor;

    public FfmpegFrameSource(string ffmpeg) => _extractor = new LocalFrameExtractor(new LocalAnalysisOptions { FfmpegPath = ffmpeg });

    /// <inheritdoc/>
    public string Origin => "ffmpeg";

    /// <inheritdoc/>
    public async Task<FrameImage?> GetFrameAsync(string key, double seconds, int maxWidth, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        LocalFrame? frame;
        try
        {
            frame = await _extractor.TryExtractThumbnailAsync(key, Math.Max(0, seconds), maxWidth, Journal.JournalFrames.MaxFrameBytes, bounded.Token).ConfigureAwait(false);
        }
        catch (FfmpegNotFoundException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // over the time limit
        }

        return frame is not null && JpegSize.TryRead(frame.Content, out var width, out var height)
            ? new FrameImage(frame.Content, frame.ContentType, width, height)
            : null;
    }
}
