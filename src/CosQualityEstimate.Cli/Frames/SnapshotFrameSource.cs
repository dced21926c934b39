using System.Collections.Concurrent;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Frames of objects in the bucket through CI's GetSnapshot (<see cref="ObjectsClient.GetSnapshotAsync"/>, <b>billed per
/// call</b>), for <c>cosqe report --frames N</c>: a JPEG <see cref="Journal.JournalFrames.MaxWidth"/> pixels wide at the
/// finding's time (<c>mode=exactframe</c>). The key is the object key. Frames are kept with origin <c>snapshot</c>.
/// <list type="bullet">
/// <item>An object the bucket does not hold (<paramref name="isMissingObject"/>, e.g. <c>NoSuchKey</c>): no frame and no
/// marker (<see cref="FrameUnavailableException"/>), and its other frames are not asked for in this run.</item>
/// <item>Another refusal of the request itself (<paramref name="isRefusedForInput"/>: a time past the end, not a video):
/// no frame, remembered as missing (<see langword="null"/>).</item>
/// <item>A placeholder answer (<see cref="ObjectSnapshot.IsSimulated"/>, an emulator that does not analyse objects) is
/// never kept: no marker, and the object's other frames are not asked for.</item>
/// <item>Anything else (authentication, the service unavailable after the retries, cancellation) propagates: the command
/// stops with its documented exit code.</item>
/// </list>
/// Thread-safe; the counters are what was asked of the service (<see cref="Requests"/> is what CI bills).
/// </summary>
internal sealed class SnapshotFrameSource : IFrameSource
{
    private readonly ObjectsClient _objects;
    private readonly Func<Exception, bool> _isMissingObject;
    private readonly Func<Exception, bool> _isRefusedForInput;
    private readonly ConcurrentDictionary<string, byte> _asked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _missing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _simulated = new(StringComparer.Ordinal);
    private long _requests;
    private long _simulatedAnswers;

    /// <param name="objects">The connected object client.</param>
    /// <param name="isMissingObject">Whether a failure says the object is not in the bucket.</param>
    /// <param name="isRefusedForInput">Whether a failure is a refusal of this one request's input (no frame at that time).</param>
    public SnapshotFrameSource(ObjectsClient objects, Func<Exception, bool> isMissingObject, Func<Exception, bool> isRefusedForInput)
    {
        _objects = objects;
        _isMissingObject = isMissingObject;
        _isRefusedForInput = isRefusedForInput;
    }

    /// <summary>How the journal names these frames.</summary>
    public const string OriginName = "snapshot";

    /// <inheritdoc/>
    public string Origin => OriginName;

    /// <summary>GetSnapshot requests sent (each billed by CI).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Videos at least one request was sent for.</summary>
    public int Videos => _asked.Count;

    /// <summary>Videos the bucket does not hold.</summary>
    public int MissingObjects => _missing.Count;

    /// <summary>Placeholder answers received and not kept.</summary>
    public long SimulatedAnswers => Interlocked.Read(ref _simulatedAnswers);

    /// <inheritdoc/>
    public async Task<FrameImage?> GetFrameAsync(string key, double seconds, int maxWidth, CancellationToken cancellationToken)
    {
        if (_missing.ContainsKey(key))
        {
            throw new FrameUnavailableException($"{key} is not in the bucket.");
        }

        if (_simulated.ContainsKey(key))
        {
            throw new FrameUnavailableException($"the snapshots of {key} are simulated placeholders.");
        }

        _asked.TryAdd(key, 0);
        Interlocked.Increment(ref _requests);
        ObjectSnapshot snapshot;
        try
        {
            snapshot = await _objects.GetSnapshotAsync(key, seconds, new SnapshotOptions { Width = maxWidth, Format = SnapshotFormat.Jpg, Mode = SnapshotMode.ExactFrame }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_isMissingObject(ex))
        {
            _missing.TryAdd(key, 0);
            throw new FrameUnavailableException($"{key} is not in the bucket.", ex);
        }
        catch (Exception ex) when (_isRefusedForInput(ex))
        {
            return null;
        }

        if (snapshot.IsSimulated)
        {
            Interlocked.Increment(ref _simulatedAnswers);
            _simulated.TryAdd(key, 0);
            throw new FrameUnavailableException($"the snapshot of {key} is a simulated placeholder.");
        }

        var bytes = snapshot.Content.ToArray();
        return JpegSize.TryRead(bytes, out var width, out var height) ? new FrameImage(bytes, "image/jpeg", width, height) : null;
    }
}
