using System.Globalization;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Objects;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Snapshots;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Emulator.Snapshots;

/// <summary>
/// CI's GetSnapshot on the object host, <c>GET /&lt;key&gt;?ci-process=snapshot&amp;time=…</c>: the parameters checked
/// as the document gives them (400 <c>InvalidArgument</c>), a missing object 404 <c>NoSuchKey</c>; then, when the emulator
/// analyses objects (<see cref="CosEmulatorOptions.LocalAnalysis"/>) and ffmpeg is installed, the object's real frame
/// (<see cref="LocalFrameExtractor"/>; a time past the end or an object that is not a video is 400
/// <c>InvalidArgument</c>); otherwise a <see cref="PlaceholderPicture"/> of the requested size, marked
/// <c>x-cosqe-simulated: true</c>.
/// </summary>
internal sealed class SnapshotRoute
{
    /// <summary>The response header that marks a placeholder.</summary>
    internal const string SimulatedHeader = "x-cosqe-simulated";

    /// <summary>The size of a placeholder when the request keeps the video's size (the emulator does not know it without ffmpeg).</summary>
    internal const int PlaceholderWidth = 640;

    /// <summary>The height of the default placeholder (16:9).</summary>
    internal const int PlaceholderHeight = 360;

    /// <summary>The largest width or height the emulator answers (it bounds the placeholder's memory).</summary>
    internal const int MaxSide = 4096;

    private readonly ObjectStore _store;
    private readonly LocalFrameExtractor? _extractor;
    private volatile bool _ffmpegMissing;
    private long _requests;

    /// <param name="store">The stored objects.</param>
    /// <param name="extractor">The frame extractor when the emulator analyses objects; <see langword="null"/> for placeholders only.</param>
    internal SnapshotRoute(ObjectStore store, LocalFrameExtractor? extractor)
    {
        _store = store;
        _extractor = extractor;
    }

    /// <summary>GetSnapshot requests received so far (answered or refused).</summary>
    internal long RequestCount => Interlocked.Read(ref _requests);

    internal static bool IsSnapshot(List<KeyValuePair<string, string>> query) =>
        string.Equals(RawQuery.Get(query, "ci-process"), "snapshot", StringComparison.Ordinal);

    internal async Task<EmulatorResponse> GetAsync(string key, List<KeyValuePair<string, string>> query, string requestId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (Parse(query) is not { } parsed)
        {
            return Invalid(query, requestId);
        }

        var (time, options) = parsed;
        if (_store.Get(key) is not { } stored)
        {
            return Responses.Error(404, ObjectErrorCodes.NoSuchKey, "The specified key does not exist.", requestId);
        }

        if (_extractor is not null && !_ffmpegMissing)
        {
            var frame = await FrameAsync(stored, time, options, requestId, cancellationToken).ConfigureAwait(false);
            if (frame is not null)
            {
                return frame;
            }
        }

        return Placeholder(key, time, options);
    }

    private static EmulatorResponse Placeholder(string key, double time, SnapshotOptions options)
    {
        var (width, height) = (options.Width, options.Height) switch
        {
            (0, 0) => (PlaceholderWidth, PlaceholderHeight),
            (var w, 0) => (w, Math.Max(1, (int)Math.Round(w * 9.0 / 16))),
            (0, var h) => (Math.Max(1, (int)Math.Round(h * 16.0 / 9)), h),
            var size => size,
        };
        width = Math.Min(width, MaxSide);
        height = Math.Min(height, MaxSide);
        var png = options.Format == SnapshotFormat.Png;
        var body = png ? PlaceholderPicture.Png(width, height, key, time) : PlaceholderPicture.Jpeg(width, height, key, time);
        return new EmulatorResponse(200, png ? "image/png" : "image/jpeg", body)
        {
            Headers = [KeyValuePair.Create(SimulatedHeader, "true")],
        };
    }

    /// <summary>The object's real frame, an error answer, or <see langword="null"/> when ffmpeg is not installed (then a placeholder).</summary>
    private async Task<EmulatorResponse?> FrameAsync(StoredObject stored, double time, SnapshotOptions options, string requestId, CancellationToken cancellationToken)
    {
        // A private copy: the object may be overwritten or deleted while ffmpeg reads it.
        var copy = Path.Combine(Path.GetTempPath(), "cosqe-emulator-snapshot-" + Guid.NewGuid().ToString("N"));
        try
        {
            try
            {
                var source = new ConcatenatedFileStream(stored.ContentPaths);
                await using (source.ConfigureAwait(false))
                {
                    var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await using (target.ConfigureAwait(false))
                    {
                        await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (IOException)
            {
                return Responses.Error(404, ObjectErrorCodes.NoSuchKey, "The specified key does not exist.", requestId);
            }

            var frame = await _extractor!.ExtractAsync(copy, time, options, cancellationToken).ConfigureAwait(false);
            return new EmulatorResponse(200, frame.ContentType, frame.Content);
        }
        catch (FfmpegNotFoundException)
        {
            _ffmpegMissing = true; // as for jobs: without ffmpeg the answers are simulated from now on
            return null;
        }
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "timeSeconds")
        {
            return Responses.Error(400, ObjectErrorCodes.InvalidArgument, FirstSentence(ex.Message).Replace(copy, stored.Key, StringComparison.Ordinal), requestId);
        }
        catch (MediaUnreadableException ex)
        {
            var reason = string.IsNullOrWhiteSpace(ex.FfmpegReason) ? "not a readable video" : ex.FfmpegReason.Trim();
            return Responses.Error(400, ObjectErrorCodes.InvalidArgument, $"The object {stored.Key} is not a video a snapshot can be taken of: {reason.Replace(copy, stored.Key, StringComparison.Ordinal)}", requestId);
        }
        catch (LocalAnalysisException ex)
        {
            return Responses.Error(500, ErrorCodes.InternalError, $"The snapshot of {stored.Key} failed: {ex.Message.Replace(copy, stored.Key, StringComparison.Ordinal)}", requestId);
        }
        finally
        {
            ObjectStore.DeleteQuietly(copy);
        }
    }

    /// <summary>An exception message without the "(Parameter …)" and "Actual value" lines .NET appends.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.Split('\n')[0];
    }

    /// <summary>The request's time and options, or <see langword="null"/> when a parameter is missing or not one the document allows.</summary>
    internal static (double Time, SnapshotOptions Options)? Parse(List<KeyValuePair<string, string>> query)
    {
        if (!double.TryParse(RawQuery.Get(query, "time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var time) || !double.IsFinite(time) || time < 0)
        {
            return null;
        }

        var options = new SnapshotOptions();
        if (!Size(RawQuery.Get(query, "width"), out var width) || !Size(RawQuery.Get(query, "height"), out var height))
        {
            return null;
        }

        options.Width = width;
        options.Height = height;
        switch (RawQuery.Get(query, "format"))
        {
            case null or "" or "jpg":
                options.Format = SnapshotFormat.Jpg;
                break;
            case "png":
                options.Format = SnapshotFormat.Png;
                break;
            default:
                return null;
        }

        switch (RawQuery.Get(query, "rotate"))
        {
            case null or "" or "auto":
                options.Rotate = SnapshotRotation.Auto;
                break;
            case "off":
                options.Rotate = SnapshotRotation.Off;
                break;
            default:
                return null;
        }

        switch (RawQuery.Get(query, "mode"))
        {
            case null or "" or "exactframe":
                options.Mode = SnapshotMode.ExactFrame;
                break;
            case "keyframe":
                options.Mode = SnapshotMode.KeyFrame;
                break;
            default:
                return null;
        }

        return (time, options);
    }

    private static bool Size(string? value, out int size)
    {
        size = 0;
        return string.IsNullOrEmpty(value) || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size <= MaxSide);
    }

    private static EmulatorResponse Invalid(List<KeyValuePair<string, string>> query, string requestId)
    {
        var shown = string.Join('&', query.Where(p => p.Key is "time" or "width" or "height" or "format" or "rotate" or "mode").Select(p => p.Key + "=" + p.Value));
        return Responses.Error(400, ObjectErrorCodes.InvalidArgument, $"Invalid snapshot parameters ({shown}): time is required, a number of seconds at least 0; width and height 0 to {MaxSide}; format jpg or png; rotate auto or off; mode exactframe or keyframe.", requestId);
    }
}
