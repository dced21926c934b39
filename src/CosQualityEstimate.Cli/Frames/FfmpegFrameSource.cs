using System.Globalization;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Frames of local files, one bounded ffmpeg process per frame, run after the analysis (the analysis's own decode graph
/// is not touched): <c>ffmpeg -ss T -i file:PATH -map 0:v:0 -frames:v 1 -vf scale='min(W,iw)':-2 -q:v Q -f mjpeg pipe:1</c>
/// (a fast input seek, so the cost is a keyframe decode, not the clip). A frame over
/// <see cref="Journal.JournalFrames.MaxFrameBytes"/> at quality 5 is taken again once at quality 12. Each process is
/// killed after <see cref="Timeout"/>. The key is the file's full path.
/// </summary>
internal sealed class FfmpegFrameSource : IFrameSource
{
    /// <summary>How long one frame may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _ffmpeg;

    public FfmpegFrameSource(string ffmpeg) => _ffmpeg = ffmpeg;

    /// <inheritdoc/>
    public string Origin => "ffmpeg";

    /// <inheritdoc/>
    public async Task<FrameImage?> GetFrameAsync(string key, double seconds, int maxWidth, CancellationToken cancellationToken)
    {
        foreach (var quality in new[] { 5, 12 })
        {
            var bytes = await BoundedProcess.RunAsync(_ffmpeg, Arguments(key, seconds, maxWidth, quality), 4 * Journal.JournalFrames.MaxFrameBytes, Timeout, cancellationToken).ConfigureAwait(false);
            if (bytes is null || !JpegSize.TryRead(bytes, out var width, out var height))
            {
                return null;
            }

            if (bytes.Length <= Journal.JournalFrames.MaxFrameBytes)
            {
                return new FrameImage(bytes, "image/jpeg", width, height);
            }
        }

        return null;
    }

    /// <summary>The ffmpeg arguments of one frame (public for the tests that pin the command).</summary>
    public static List<string> Arguments(string path, double seconds, int maxWidth, int quality) =>
    [
        "-nostdin", "-hide_banner", "-loglevel", "error",
        "-ss", Math.Max(0, seconds).ToString("0.###", CultureInfo.InvariantCulture),
        "-i", "file:" + path,
        "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
        "-vf", string.Create(CultureInfo.InvariantCulture, $"scale='min({maxWidth},iw)':-2"),
        "-q:v", quality.ToString(CultureInfo.InvariantCulture),
        "-f", "mjpeg", "pipe:1",
    ];
}
