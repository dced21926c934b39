using System.Globalization;
using System.Text.Json;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>What ffprobe says about a file: which streams it has, the picture size and the duration.</summary>
internal sealed class MediaProbe
{
    /// <summary>The smallest picture width and height the analysis works on (below it the scaled frames degenerate).</summary>
    public const int MinimumPictureSize = 16;

    public bool HasVideo { get; init; }

    public bool HasAudio { get; init; }

    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>The video decoder's name (e.g. <c>h264</c>), whose log lines mark corrupted pictures.</summary>
    public string? VideoCodec { get; init; }

    /// <summary>The video's average frame rate; 0 when ffprobe does not know it.</summary>
    public double FramesPerSecond { get; init; }

    /// <summary>The container's duration in seconds; 0 when ffprobe does not know it.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>The video stream's bit rate in bit/s: the stream's own, else the file's minus the audio streams' (when
    /// known); 0 when ffprobe knows neither.</summary>
    public double VideoBitRate { get; init; }

    /// <summary>Seconds per tick of the video stream's timestamps (ffprobe's <c>time_base</c>, "1/12800"); 0 when unknown.</summary>
    public double VideoTimeBase { get; init; }

    /// <summary>Runs ffprobe on <paramref name="inputUrl"/>; a file it cannot read is a <see cref="MediaUnreadableException"/>.</summary>
    public static async Task<MediaProbe> RunAsync(string ffprobePath, string inputUrl, string displayName, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await ToolProcess.RunAsync(
            ffprobePath,
            ["-v", "error", "-hide_banner", "-show_entries", "stream=index,codec_type,codec_name,width,height,avg_frame_rate,time_base,bit_rate:stream_disposition=attached_pic:format=duration,bit_rate", "-of", "json", inputUrl],
            cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw FfmpegExit.ToException("ffprobe", exitCode, FfmpegReason.FromLog(stderr, inputUrl), displayName, "is not a readable video");
        }

        FfprobeOutput? output;
        try
        {
            output = JsonSerializer.Deserialize(stdout, FfprobeJsonContext.Default.FfprobeOutput);
        }
        catch (JsonException e)
        {
            // ffprobe said it succeeded but printed something else than its JSON: nothing is known about the file.
            throw new LocalAnalysisException($"'{displayName}' could not be analysed: ffprobe's output could not be read ({e.Message})", e);
        }

        return FromOutput(output, displayName);
    }

    internal static MediaProbe FromOutput(FfprobeOutput? output, string displayName)
    {
        var streams = output?.Streams ?? [];
        var video = streams.FirstOrDefault(s => s.CodecType == "video" && s.Width > 0 && s.Height > 0
            && (s.Disposition is null || !s.Disposition.TryGetValue("attached_pic", out var pic) || pic == 0));
        var hasAudio = streams.Any(s => s.CodecType == "audio");
        if (video is null && !hasAudio)
        {
            const string reason = "no video or audio stream";
            throw new MediaUnreadableException($"'{displayName}' is not a readable video: {reason}") { FfmpegReason = reason };
        }

        if (video is not null && (video.Width < MinimumPictureSize || video.Height < MinimumPictureSize))
        {
            var reason = $"picture too small to analyse: {video.Width}x{video.Height}";
            throw new MediaUnreadableException($"'{displayName}' is not a readable video: {reason}") { FfmpegReason = reason };
        }

        var duration = double.TryParse(output?.Format?.Duration, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : 0;
        var videoBitRate = Number(video?.BitRate);
        if (video is not null && videoBitRate <= 0)
        {
            // Matroska and some AVIs give only the file's rate: take the other streams' known rates off it.
            var others = streams.Where(s => !ReferenceEquals(s, video)).Sum(s => Number(s.BitRate));
            videoBitRate = Math.Max(0, Number(output?.Format?.BitRate) - others);
        }
        return new MediaProbe
        {
            HasVideo = video is not null,
            HasAudio = hasAudio,
            Width = video?.Width ?? 0,
            Height = video?.Height ?? 0,
            VideoCodec = video?.CodecName,
            DurationSeconds = duration,
            FramesPerSecond = ParseRate(video?.AverageFrameRate),
            VideoBitRate = videoBitRate,
            VideoTimeBase = ParseTimeBase(video?.TimeBase),
        };
    }

    /// <summary>A positive number ffprobe wrote as text; 0 for "N/A", a missing or a negative value.</summary>
    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0 ? value : 0;

    /// <summary>"1/12800" → 1/12800 s; 0 for a missing, non-positive or unreadable time base.</summary>
    internal static double ParseTimeBase(string? timeBase)
    {
        var slash = timeBase?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0
            || !double.TryParse(timeBase![..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            || !double.TryParse(timeBase[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            || n <= 0 || d <= 0)
        {
            return 0;
        }

        var value = n / d;
        return double.IsFinite(value) && value is > 0 and <= 1 ? value : 0;
    }

    /// <summary>"25/1" → 25; 0 for "0/0", a missing or an absurd rate.</summary>
    internal static double ParseRate(string? rate)
    {
        if (string.IsNullOrEmpty(rate))
        {
            return 0;
        }

        var slash = rate.IndexOf('/', StringComparison.Ordinal);
        var numerator = slash < 0 ? rate : rate[..slash];
        var denominator = slash < 0 ? "1" : rate[(slash + 1)..];
        if (!double.TryParse(numerator, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            || !double.TryParse(denominator, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            || d <= 0)
        {
            return 0;
        }

        var value = n / d;
        return double.IsFinite(value) && value is > 0 and <= 1000 ? value : 0;
    }
}
