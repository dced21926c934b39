using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using CosQualityEstimate.Cli.Output;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Snapshots;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Cli.Commands;

/// <summary>
/// <c>cosqe snapshot &lt;file-or-key&gt; --at &lt;seconds&gt; -o frame.jpg</c>: one frame, for a person checking one finding by
/// hand. A local file is read with ffmpeg (<see cref="LocalFrameExtractor"/>: offline, free); anything else is an object
/// key, fetched with CI's GetSnapshot (<see cref="ObjectsClient.GetSnapshotAsync"/>, billed per call) from the configured
/// service, or from the embedded emulator when none is configured. Every argument is checked before anything runs or is
/// sent (exit 2); the picture is written to a temporary file next to the target and moved into place, so a failed run
/// never leaves half a picture.
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create(CliHost host)
    {
        var input = new Argument<string>("file-or-key") { Description = "A local video file (read with ffmpeg), or the object key of a video in the bucket (GetSnapshot, billed per call by CI). A path starting with /, ./, ../ or ~ is always a local file." };
        var at = new Option<string>("--at") { Description = "The time of the frame, in seconds from the start (for example 23.5).", Required = true, HelpName = "seconds" };
        var output = new Option<string>("--out", "-o") { Description = "The picture file to write (replaced when it exists); its extension .jpg/.jpeg or .png picks the format unless --format says.", Required = true, HelpName = "frame.jpg" };
        var width = new Option<int>("--width") { Description = "Width in pixels; 0 (default) keeps the video's size, and with only --width the height follows the aspect ratio.", HelpName = "N" };
        var height = new Option<int>("--height") { Description = "Height in pixels; 0 (default) keeps the video's size, and with only --height the width follows the aspect ratio.", HelpName = "N" };
        var format = new Option<string?>("--format") { Description = "jpg or png (default: from the output file's extension, else jpg).", HelpName = "jpg|png" };
        var mode = new Option<string>("--mode") { Description = "exactframe (the frame at that time) or keyframe (the last keyframe before it).", DefaultValueFactory = _ => "exactframe", HelpName = "exactframe|keyframe" };
        var rotate = new Option<string>("--rotate") { Description = "auto (as the video's rotation says) or off.", DefaultValueFactory = _ => "auto", HelpName = "auto|off" };
        var command = new Command("snapshot", "Write one frame of a local video (ffmpeg, free) or of an object in the bucket (CI GetSnapshot, billed per call) to a JPEG or PNG file.")
        {
            input, at, output, width, height, format, mode, rotate,
        };
        command.SetAction(CommandActions.Action(host, context =>
        {
            var request = Plan(
                host,
                context.Parse.GetValue(input)!,
                context.Parse.GetValue(at)!,
                context.Parse.GetValue(output)!,
                context.Parse.GetValue(width),
                context.Parse.GetValue(height),
                context.Parse.GetValue(format),
                context.Parse.GetValue(mode)!,
                context.Parse.GetValue(rotate)!);
            return RunAsync(host, context, request);
        }));
        return command;
    }

    /// <summary>A checked request: the input (a local path or a key), the time, the picture's options and the output path.</summary>
    internal sealed record SnapshotRequest(string Input, string? LocalPath, double Time, SnapshotOptions Options, string OutputPath);

    /// <summary>Checks every argument before anything runs (exit 2 with one line).</summary>
    internal static SnapshotRequest Plan(CliHost host, string input, string atText, string outputText, int width, int height, string? formatText, string modeText, string rotateText)
    {
        if (!double.TryParse(atText, NumberStyles.Float, CultureInfo.InvariantCulture, out var time) || !double.IsFinite(time) || time < 0)
        {
            throw new CliUsageException($"invalid --at \"{JobText.Sanitize(atText)}\": use a number of seconds, at least 0 (for example 23.5).");
        }

        if (width < 0 || height < 0)
        {
            throw new CliUsageException($"invalid --{(width < 0 ? "width" : "height")} {(width < 0 ? width : height)}: use 0 (keep the video's size) or more pixels.");
        }

        var options = new SnapshotOptions { Width = width, Height = height };
        options.Mode = modeText switch
        {
            "exactframe" => SnapshotMode.ExactFrame,
            "keyframe" => SnapshotMode.KeyFrame,
            _ => throw new CliUsageException($"invalid --mode \"{JobText.Sanitize(modeText)}\": use exactframe or keyframe."),
        };
        options.Rotate = rotateText switch
        {
            "auto" => SnapshotRotation.Auto,
            "off" => SnapshotRotation.Off,
            _ => throw new CliUsageException($"invalid --rotate \"{JobText.Sanitize(rotateText)}\": use auto or off."),
        };

        var outputPath = Path.GetFullPath(outputText, host.CurrentDirectory);
        if (Directory.Exists(outputPath))
        {
            throw new CliUsageException($"-o {JobText.Sanitize(outputText)} is a directory; name the picture file to write (for example frame.jpg).");
        }

        if (Path.GetDirectoryName(outputPath) is { } directory && !Directory.Exists(directory))
        {
            throw new CliUsageException($"-o {JobText.Sanitize(outputText)}: the directory {JobText.Sanitize(directory)} does not exist.");
        }

        var extension = Path.GetExtension(outputPath).ToLowerInvariant();
        SnapshotFormat? byExtension = extension switch
        {
            ".png" => SnapshotFormat.Png,
            ".jpg" or ".jpeg" => SnapshotFormat.Jpg,
            _ => null,
        };
        options.Format = formatText switch
        {
            null => byExtension ?? SnapshotFormat.Jpg,
            "jpg" or "jpeg" => SnapshotFormat.Jpg,
            "png" => SnapshotFormat.Png,
            _ => throw new CliUsageException($"invalid --format \"{JobText.Sanitize(formatText)}\": use jpg or png."),
        };
        if (byExtension is { } named && named != options.Format)
        {
            throw new CliUsageException($"-o {JobText.Sanitize(outputText)} names a {(named == SnapshotFormat.Png ? "PNG" : "JPEG")} file but --format is {formatText}; make them agree.");
        }

        string? fullPath = null;
        try
        {
            fullPath = input.Length == 0 ? null : Path.GetFullPath(input, host.CurrentDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException)
        {
            fullPath = null;
        }

        if (fullPath is not null && Directory.Exists(fullPath))
        {
            throw new CliUsageException($"{JobText.Sanitize(input)} is a directory; name one video file.");
        }

        if (fullPath is not null && File.Exists(fullPath))
        {
            return new SnapshotRequest(input, fullPath, time, options, outputPath);
        }

        if (EstimateCommand.LooksLikeLocalPath(input))
        {
            var key = input.TrimStart('.', '~', '/', '\\');
            var example = key.Length > 0 && !(input.Length > 1 && input[1] == ':') && ObjectKeyValidator.GetProblem(key) is null ? $" (for example {JobText.Sanitize(key)})" : string.Empty;
            throw new CliUsageException($"{JobText.Sanitize(input)}: no such file. For a frame of an object in the bucket, pass its key without a leading '/', './' or '~'{example}.");
        }

        if (ObjectKeyValidator.GetProblem(input, forUpload: true) is { } problem)
        {
            throw new CliUsageException($"{JobText.Sanitize(input)} is neither a local file nor a valid object key: {char.ToLowerInvariant(problem[0])}{problem[1..]}");
        }

        return new SnapshotRequest(input, null, time, options, outputPath);
    }

    private static async Task<int> RunAsync(CliHost host, CommandContext context, SnapshotRequest request)
    {
        byte[] picture;
        string contentType;
        string source;
        var simulated = false;
        if (request.LocalPath is { } path)
        {
            var ffmpeg = host.GetEnvironmentVariable(LocalAnalysisOptions.FfmpegPathVariableName);
            var extractor = new LocalFrameExtractor(new LocalAnalysisOptions { FfmpegPath = string.IsNullOrEmpty(ffmpeg) ? null : ffmpeg });
            LocalFrame frame;
            try
            {
                frame = await extractor.ExtractAsync(path, request.Time, request.Options, context.Cancel).ConfigureAwait(false);
            }
            catch (FfmpegNotFoundException ex)
            {
                var message = JobText.OneLine(ex.Message);
                throw new CliUsageException(message.Contains(FfmpegNotFoundException.InstallHint, StringComparison.Ordinal) ? message : $"{message} ({FfmpegNotFoundException.InstallHint})");
            }
            catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "timeSeconds")
            {
                throw new CliUsageException($"invalid --at {request.Time.ToString("0.###", CultureInfo.InvariantCulture)}: {Reason(ex).Replace(path, request.Input, StringComparison.Ordinal)}");
            }
            catch (LocalAnalysisException ex) when (ex is MediaUnreadableException or MediaAccessException)
            {
                await context.Error.WriteLineAsync($"cosqe: no frame of {JobText.Sanitize(request.Input)} [{ex.Failure}]: {JobText.OneLine(ex.Message.Replace(path, request.Input, StringComparison.Ordinal))}").ConfigureAwait(false);
                return ExitCodes.JobFailed;
            }
            catch (LocalAnalysisException ex)
            {
                await context.Error.WriteLineAsync($"cosqe: no frame of {JobText.Sanitize(request.Input)} [{ex.Failure}]: {JobText.OneLine(ex.Message)}").ConfigureAwait(false);
                return ExitCodes.JobFailed;
            }

            (picture, contentType, source) = (frame.Content, frame.ContentType, "local file, ffmpeg");
        }
        else
        {
            await using var connection = await context.Config.ConnectAsync(host, allowEmbeddedEmulator: true, context.Cancel).ConfigureAwait(false);
            var snapshot = await connection.Client.Objects.GetSnapshotAsync(request.Input, request.Time, request.Options, context.Cancel).ConfigureAwait(false);
            picture = snapshot.Content.ToArray();
            contentType = snapshot.ContentType;
            simulated = snapshot.IsSimulated;
            source = simulated
                ? "SIMULATED placeholder from the emulator (it does not analyse objects), not the video's frame"
                : "GetSnapshot, billed per call by CI";
        }

        await WriteAtomicallyAsync(request.OutputPath, picture, context.Cancel).ConfigureAwait(false);
        var size = PictureSize(picture);
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JobJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("input", request.Input);
                w.WriteString("kind", request.LocalPath is null ? "object" : "file");
                w.WriteNumber("time", request.Time);
                w.WriteString("file", request.OutputPath);
                w.WriteString("contentType", contentType);
                w.WriteNumber("bytes", picture.Length);
                if (size is { } s)
                {
                    w.WriteNumber("width", s.Width);
                    w.WriteNumber("height", s.Height);
                }

                w.WriteBoolean("simulated", simulated);
                w.WriteEndObject();
            })).ConfigureAwait(false);
        }
        else
        {
            var dimensions = size is { } s ? $"{s.Width}x{s.Height} " : string.Empty;
            await context.Out.WriteLineAsync(
                $"wrote {JobText.Sanitize(Path.GetRelativePath(host.CurrentDirectory, request.OutputPath))}: {dimensions}{contentType}, {picture.Length} bytes — {JobText.Sanitize(request.Input)} at {request.Time.ToString("0.###", CultureInfo.InvariantCulture)} s ({source})").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static string Reason(ArgumentOutOfRangeException exception)
    {
        var message = exception.Message;
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        var first = (end > 0 ? message[..end] : message).Split('\n')[0].Trim();
        return first.Length > 0 ? char.ToLowerInvariant(first[0]) + first[1..] : first;
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] picture, CancellationToken cancellationToken)
    {
        var temporary = path + ".cosqe-" + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, picture, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The picture's size from its PNG IHDR or JPEG SOF segment; <see langword="null"/> when neither is found.</summary>
    internal static (int Width, int Height)? PictureSize(ReadOnlySpan<byte> picture)
    {
        if (picture.Length > 24 && picture[0] == 0x89 && picture[1] == (byte)'P' && picture[12] == (byte)'I' && picture[13] == (byte)'H')
        {
            return (BinaryPrimitives.ReadInt32BigEndian(picture[16..]), BinaryPrimitives.ReadInt32BigEndian(picture[20..]));
        }

        if (picture.Length < 4 || picture[0] != 0xFF || picture[1] != 0xD8)
        {
            return null;
        }

        var i = 2;
        while (i + 9 < picture.Length && picture[i] == 0xFF)
        {
            var marker = picture[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(picture[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(picture[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(picture[(i + 5)..]));
            }

            i += 2 + length;
        }

        return null;
    }
}
