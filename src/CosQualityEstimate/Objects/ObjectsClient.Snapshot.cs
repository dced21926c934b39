using System.Diagnostics;
using System.Globalization;
using CosQualityEstimate.Http;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Objects;

/// <summary>GetSnapshot: one frame of a stored video, synchronously, on the object host.</summary>
public partial class ObjectsClient
{
    /// <summary>
    /// Gets one frame of the video at <paramref name="objectKey"/> (CI's GetSnapshot:
    /// <c>GET /&lt;key&gt;?ci-process=snapshot&amp;time=…</c> on the object host). <b>Billed per call by CI</b>
    /// (数据万象 media processing), like a job; the bucket must be bound to CI. Retried like any GET on a transient
    /// failure, and each resend is a new call to the service; an answer over <see cref="ObjectSnapshot.MaxContentBytes"/>
    /// is refused and not requested again.
    /// </summary>
    /// <param name="objectKey">The video's object key, for example <c>videos/a.mp4</c>.</param>
    /// <param name="timeSeconds">The time of the frame in seconds from the start, at least 0 (sent with millisecond precision).</param>
    /// <param name="options">Size, format, rotation and frame choice; the service's defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The picture, its content type and the answer's request id.</returns>
    /// <exception cref="ArgumentException">The key is one COS rejects (or names a folder).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative or not finite, a size is negative, or an enum value is undefined.</exception>
    /// <exception cref="CosServiceException">The service refused the call: <c>NoSuchKey</c> (404) for a missing object, a 400 for a time past the end or an object that is not a video.</exception>
    /// <exception cref="CosResponseTooLargeException">The picture is larger than <see cref="ObjectSnapshot.MaxContentBytes"/>.</exception>
    /// <exception cref="CosResponseFormatException">The answer was not a JPEG or PNG picture, after the retries.</exception>
    /// <exception cref="CosTransportException">No usable answer after the retries.</exception>
    public virtual Task<ObjectSnapshot> GetSnapshotAsync(string objectKey, double timeSeconds, SnapshotOptions? options = null, CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync(
            "ObjectsClient.GetSnapshot",
            (Client: this, Key: objectKey, Time: timeSeconds, Options: options ?? new SnapshotOptions()),
            static (s, ct) =>
            {
                SnapshotRequestValidator.Validate(s.Key, s.Time, s.Options);
                return s.Client.GetSnapshotCoreAsync(s.Key, s.Time, s.Options, ct);
            },
            cancellationToken);

    private async Task<ObjectSnapshot> GetSnapshotCoreAsync(string objectKey, double timeSeconds, SnapshotOptions options, CancellationToken cancellationToken)
    {
        // Copied now: a caller changing its options object while the call runs cannot change a resend.
        var format = options.Format;
        var request = new CosRequest("GetSnapshot", HttpMethod.Get, "/" + objectKey)
        {
            IsIdempotent = true,
            CaptureHeaders = true,
            MaxSuccessBodyBytes = ObjectSnapshot.MaxContentBytes,
        };
        request.AddQuery("ci-process", "snapshot")
            .AddQuery("time", FormatTime(timeSeconds))
            .AddQuery("format", SnapshotRequestValidator.Wire(format))
            .AddQuery("width", options.Width.ToString(CultureInfo.InvariantCulture))
            .AddQuery("height", options.Height.ToString(CultureInfo.InvariantCulture))
            .AddQuery("rotate", SnapshotRequestValidator.Wire(options.Rotate))
            .AddQuery("mode", SnapshotRequestValidator.Wire(options.Mode));
        var snapshot = await Pipeline.SendAsync(request, response => ReadSnapshot(objectKey, timeSeconds, format, response), cancellationToken).ConfigureAwait(false);
        Activity.Current?.SetTag("cos.snapshot.size", snapshot.Content.Length);
        return snapshot;
    }

    /// <summary>The eight bytes every PNG file starts with.</summary>
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Seconds with at most three decimals, invariant culture (<c>1.5</c>, <c>0</c>, <c>12.345</c>).</summary>
    internal static string FormatTime(double timeSeconds) => Math.Round(timeSeconds, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Reads the answer inside the attempt: a body that is not a JPEG or PNG picture is unreadable (and resent as a GET).</summary>
    private static ObjectSnapshot ReadSnapshot(string objectKey, double timeSeconds, SnapshotFormat format, CosResponse response)
    {
        var body = response.Body;
        var isJpeg = body.Length >= 3 && body[0] == 0xFF && body[1] == 0xD8 && body[2] == 0xFF;
        var isPng = body.Length >= 8 && body.AsSpan(0, 8).SequenceEqual(PngSignature);
        if (!isJpeg && !isPng)
        {
            throw new CosResponseFormatException(response.Status, response.RequestId, BodyPreview.Create(body), null, "the snapshot answer is not a JPEG or PNG picture.");
        }

        var headers = response.Headers;
        var contentType = headers is not null && headers.TryGetValue("Content-Type", out var type) ? type : (isPng ? "image/png" : "image/jpeg");
        var simulated = headers is not null && headers.TryGetValue(ResponseHeaders.SimulatedHeader, out var mark) && string.Equals(mark.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        return new ObjectSnapshot(objectKey, timeSeconds, format, body, contentType, response.RequestId, simulated);
    }
}
