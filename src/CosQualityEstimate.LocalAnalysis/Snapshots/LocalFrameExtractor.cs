using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.LocalAnalysis.Snapshots;

/// <summary>
/// Takes one frame of a local video with ffmpeg, with the parameters of CI's GetSnapshot (<see cref="SnapshotOptions"/>:
/// size, JPEG or PNG, rotation, exact frame or the keyframe before): the free, local counterpart of
/// <c>ObjectsClient.GetSnapshotAsync</c>, used by <c>cosqe snapshot</c> and by the emulator when it analyses objects.
/// ffprobe first checks that the file has a video stream and that the time is not past its end; ffmpeg then decodes
/// one frame and encodes it to a pipe. <see cref="TryExtractThumbnailAsync"/> is the cheap variant for many small frames
/// (<c>cosqe analyze</c> keeps them with its results): no probe, at most a given width, a size cap, and no exception for a
/// file without a frame. Both run the same one-frame ffmpeg command and the same bounded reader. Thread-safe.
/// </summary>
public sealed class LocalFrameExtractor
{
    /// <summary>The most bytes read from ffmpeg for one picture (the limit of <see cref="ObjectSnapshot.MaxContentBytes"/>).</summary>
    public const int MaxFrameBytes = ObjectSnapshot.MaxContentBytes;

    private readonly LocalAnalysisOptions _options;

    /// <summary>Creates the extractor.</summary>
    /// <param name="options">Where ffmpeg is (<see cref="LocalAnalysisOptions.FfmpegPath"/>, else <c>COSQE_FFMPEG</c>, else PATH); the thresholds are not used.</param>
    public LocalFrameExtractor(LocalAnalysisOptions? options = null)
    {
        _options = new LocalAnalysisOptions { FfmpegPath = options?.FfmpegPath, SearchPath = options?.SearchPath };
    }

    /// <summary>Takes the frame of <paramref name="path"/> at <paramref name="timeSeconds"/>.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="timeSeconds">The time in seconds from the start, at least 0 and not past the end.</param>
    /// <param name="options">Size, format, rotation and frame choice; GetSnapshot's defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the extraction (ffmpeg is killed).</param>
    /// <returns>The encoded frame.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative, not finite or past the end of the video
    /// (<c>ParamName</c> <c>timeSeconds</c>), or an option is out of range (<c>ParamName</c> <c>options</c>).</exception>
    /// <exception cref="FfmpegNotFoundException">ffmpeg or ffprobe is not installed (or too old).</exception>
    /// <exception cref="MediaUnreadableException">The file does not exist, is not media ffmpeg reads, or has no video stream.</exception>
    /// <exception cref="MediaAccessException">The file cannot be opened (a directory, no permission).</exception>
    /// <exception cref="LocalAnalysisException">ffmpeg failed or produced no picture.</exception>
    public async Task<LocalFrame> ExtractAsync(string path, double timeSeconds, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new SnapshotOptions();
        if (!double.IsFinite(timeSeconds) || timeSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "The snapshot time must be a finite number of seconds, at least 0.");
        }

        if (options.Width < 0 || options.Height < 0 || !Enum.IsDefined(options.Format) || !Enum.IsDefined(options.Rotate) || !Enum.IsDefined(options.Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SnapshotOptions: Width and Height must be at least 0, and Format, Rotate and Mode defined values.");
        }

        var fullPath = Path.GetFullPath(path);
        InputFileCheck.ThrowIfUnreadable(path, fullPath);
        var tools = await FfmpegToolsLocator.GetAsync(_options, cancellationToken).ConfigureAwait(false);
        var inputUrl = "file:" + fullPath;
        var probe = await MediaProbe.RunAsync(tools.FfprobePath, inputUrl, path, cancellationToken).ConfigureAwait(false);
        if (!probe.HasVideo)
        {
            const string reason = "no video stream (an audio-only file has no frames)";
            throw new MediaUnreadableException($"'{path}' has no frame to take: {reason}") { FfmpegReason = reason };
        }

        if (probe.DurationSeconds > 0 && timeSeconds >= probe.DurationSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, string.Create(CultureInfo.InvariantCulture, $"The time {timeSeconds:0.###} s is past the end of '{path}' ({probe.DurationSeconds:0.###} s)."));
        }

        var content = await RunFfmpegAsync(tools.FfmpegPath, Arguments(inputUrl, timeSeconds, options), path, MaxFrameBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new LocalAnalysisException($"The frame of '{path}' is larger than {MaxFrameBytes} bytes; ask for a smaller size.");
        if (content.Length == 0)
        {
            // No frame at that time (a time in the last frame's gap, or a stream shorter than the container says).
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, string.Create(CultureInfo.InvariantCulture, $"'{path}' has no frame at {timeSeconds:0.###} s (past its last frame)."));
        }

        return new LocalFrame(content, options.Format, timeSeconds, probe.DurationSeconds);
    }

    /// <summary>
    /// Takes a small JPEG of <paramref name="path"/> at <paramref name="timeSeconds"/>: at most <paramref name="maxWidth"/>
    /// pixels wide (scaled down, never up, keeping the aspect ratio), the exact frame after a fast input seek (a keyframe
    /// decode, not the clip), without the ffprobe of <see cref="ExtractAsync"/>: the caller knows the file is a video. A
    /// picture over <paramref name="maxBytes"/> at JPEG quality <see cref="ThumbnailQuality"/> is taken again once at
    /// <see cref="ThumbnailFallbackQuality"/>.
    /// </summary>
    /// <param name="path">The video file.</param>
    /// <param name="timeSeconds">The time in seconds from the start, at least 0.</param>
    /// <param name="maxWidth">The widest picture, in pixels (at least 1).</param>
    /// <param name="maxBytes">The largest picture, in bytes (at least 1, at most <see cref="MaxFrameBytes"/>).</param>
    /// <param name="cancellationToken">Cancels the extraction (ffmpeg is killed); a caller's time limit goes here.</param>
    /// <returns>The JPEG frame, or <see langword="null"/> when there is none: the file is missing or not a readable video,
    /// has no picture at that time (past its end, audio only), or its frame does not fit in <paramref name="maxBytes"/>.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative or not finite, or a limit is out of range.</exception>
    /// <exception cref="FfmpegNotFoundException">ffmpeg is not installed (or too old).</exception>
    public async Task<LocalFrame?> TryExtractThumbnailAsync(string path, double timeSeconds, int maxWidth, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!double.IsFinite(timeSeconds) || timeSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, "The thumbnail time must be a finite number of seconds, at least 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, MaxFrameBytes);
        var fullPath = Path.GetFullPath(path);
        try
        {
            InputFileCheck.ThrowIfUnreadable(path, fullPath);
        }
        catch (LocalAnalysisException)
        {
            return null;
        }

        var tools = await FfmpegToolsLocator.GetAsync(_options, cancellationToken).ConfigureAwait(false);
        foreach (var quality in new[] { ThumbnailQuality, ThumbnailFallbackQuality })
        {
            byte[]? content;
            try
            {
                content = await RunFfmpegAsync(tools.FfmpegPath, ThumbnailArguments("file:" + fullPath, timeSeconds, maxWidth, quality), path, maxBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (LocalAnalysisException)
            {
                return null; // not a readable video: no frame
            }

            if (content is { Length: 0 })
            {
                return null; // past the last frame, or no picture
            }

            if (content is not null)
            {
                return new LocalFrame(content, SnapshotFormat.Jpg, timeSeconds, 0);
            }
        }

        return null; // over maxBytes even at the lower quality
    }

    /// <summary>The JPEG quality (ffmpeg's <c>-q:v</c>, 2 best … 31) of <see cref="TryExtractThumbnailAsync"/>'s first try.</summary>
    public const int ThumbnailQuality = 5;

    /// <summary>The JPEG quality of <see cref="TryExtractThumbnailAsync"/>'s second try, for a picture over the size cap.</summary>
    public const int ThumbnailFallbackQuality = 12;

    /// <summary>The ffmpeg arguments of a thumbnail: the one-frame command of <see cref="Arguments"/> with a scale-down filter and a JPEG quality.</summary>
    internal static List<string> ThumbnailArguments(string inputUrl, double timeSeconds, int maxWidth, int quality) =>
        Arguments(inputUrl, timeSeconds, new SnapshotOptions(), string.Create(CultureInfo.InvariantCulture, $"scale='min({maxWidth},iw)':-2"), quality);

    /// <summary>The ffmpeg arguments for one frame to stdout (no shell; the input is a <c>file:</c> URL).</summary>
    /// <param name="inputUrl">The <c>file:</c> URL of the video.</param>
    /// <param name="timeSeconds">The time.</param>
    /// <param name="options">GetSnapshot's options (size, format, rotation, frame choice).</param>
    /// <param name="scale">A scale filter that replaces the one from the options' size (thumbnails: at most a width).</param>
    /// <param name="jpegQuality">The JPEG quality (<c>-q:v</c>).</param>
    internal static List<string> Arguments(string inputUrl, double timeSeconds, SnapshotOptions options, string? scale = null, int jpegQuality = 3)
    {
        var time = timeSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        if (options.Rotate == SnapshotRotation.Off)
        {
            arguments.Add("-noautorotate");
        }

        if (options.Mode == SnapshotMode.KeyFrame)
        {
            // The keyframe at or before the time: seek without decoding forward, keep only keyframes.
            arguments.AddRange(["-skip_frame", "nokey", "-noaccurate_seek"]);
        }

        arguments.AddRange(["-ss", time, "-i", inputUrl, "-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", "1"]);
        if (options.Mode == SnapshotMode.KeyFrame)
        {
            // The keyframe's timestamp is before the seek point: without passthrough the frame-rate logic drops it.
            arguments.AddRange(["-fps_mode", "passthrough"]);
        }
        if (scale is not null)
        {
            arguments.AddRange(["-vf", scale]);
        }
        else if (options.Width > 0 || options.Height > 0)
        {
            var w = options.Width > 0 ? options.Width.ToString(CultureInfo.InvariantCulture) : "-1";
            var h = options.Height > 0 ? options.Height.ToString(CultureInfo.InvariantCulture) : "-1";
            arguments.AddRange(["-vf", $"scale={w}:{h}"]);
        }

        if (options.Format == SnapshotFormat.Png)
        {
            arguments.AddRange(["-c:v", "png", "-f", "image2pipe", "pipe:1"]);
        }
        else
        {
            arguments.AddRange(["-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", jpegQuality.ToString(CultureInfo.InvariantCulture), "-f", "image2pipe", "pipe:1"]);
        }

        return arguments;
    }

    /// <summary>Runs one frame's ffmpeg; the picture, or <see langword="null"/> when it is over <paramref name="maxBytes"/>
    /// (ffmpeg is then killed); a failed ffmpeg is the <see cref="FfmpegExit"/> exception.</summary>
    private static async Task<byte[]?> RunFfmpegAsync(string ffmpegPath, List<string> arguments, string displayName, int maxBytes, CancellationToken cancellationToken)
    {
        using var process = ToolProcess.Start(ToolProcess.StartInfo(ffmpegPath, arguments));
        using var registration = cancellationToken.Register(static p => ToolProcess.KillTree((System.Diagnostics.Process)p!), process);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var picture = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var stdout = process.StandardOutput.BaseStream;
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (picture.Length + read > maxBytes)
                {
                    ToolProcess.KillTree(process);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    return null;
                }

                picture.Write(buffer, 0, read);
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException)
        {
            ToolProcess.KillTree(process);
            throw;
        }

        var log = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw FfmpegExit.ToException("ffmpeg", process.ExitCode, FfmpegReason.FromLog(log, "file:"), displayName, "is not a readable video");
        }

        return picture.ToArray();
    }
}
