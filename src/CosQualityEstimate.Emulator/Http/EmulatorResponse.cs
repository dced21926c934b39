namespace CosQualityEstimate.Emulator.Http;

/// <summary>A response computed by the emulator before the fault layer decides how (and whether) to deliver it.</summary>
internal sealed record EmulatorResponse(int Status, string ContentType, byte[] Body)
{
    /// <summary>Extra response headers (for example <c>Retry-After</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Content-Length to declare when it is not <see cref="Body"/>'s length (an object streamed by <see cref="WriteBody"/>, or HEAD).</summary>
    public long? BodyLength { get; init; }

    /// <summary>Streams a large body (an object's content) instead of <see cref="Body"/>.</summary>
    public Func<Stream, CancellationToken, Task>? WriteBody { get; init; }
}
