using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Ffmpeg;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.LocalAnalysis.Snapshots;

/// <summary>
/// Takes one frame of a local video with ffmpeg, with the parameters of CI's GetSnapshot (<see cref="SnapshotOptions"/>:
/// size, JPEG or PNG, rotation, exact frame or the keyframe before): the free, local counterpart of
/// <c>ObjectsClient.GetSnapshotAsync</c>, used by <c>cosqe snapshot</c> and by the emulator when it analyses objects.
/// ffprobe first checks that the file has a video stream and that the time is not past its end; ffmpeg then decodes
/// one frame and encodes it to a pipe. Thread-safe.
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

        var content = await RunFfmpegAsync(tools.FfmpegPath, Arguments(inputUrl, timeSeconds, options), path, cancellationToken).ConfigureAwait(false);
        if (content.Length == 0)
        {
            // No frame at that time (a time in the last frame's gap, or a stream shorter than the container says).
            throw new ArgumentOutOfRangeException(nameof(timeSeconds), timeSeconds, string.Create(CultureInfo.InvariantCulture, $"'{path}' has no frame at {timeSeconds:0.###} s (past its last frame)."));
        }

        return new LocalFrame(content, options.Format, timeSeconds, probe.DurationSeconds);
    }

    /// <summary>The ffmpeg arguments for one frame to stdout (no shell; the input is a <c>file:</c> URL).</summary>
    internal static List<string> Arguments(string inputUrl, double timeSeconds, SnapshotOptions options)
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
        if (options.Width > 0 || options.Height > 0)
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
            arguments.AddRange(["-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "3", "-f", "image2pipe", "pipe:1"]);
        }

        return arguments;
    }

    private static async Task<byte[]> RunFfmpegAsync(string ffmpegPath, List<string> arguments, string displayName, CancellationToken cancellationToken)
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
                if (picture.Length + read > MaxFrameBytes)
                {
                    ToolProcess.KillTree(process);
                    throw new LocalAnalysisException($"The frame of '{displayName}' is larger than {MaxFrameBytes} bytes; ask for a smaller size.");
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
