namespace CosQualityEstimate.Objects;

/// <summary>
/// One frame of a stored video as GetSnapshot returned it (<see cref="ObjectsClient.GetSnapshotAsync"/>): the picture's
/// bytes (JPEG or PNG, at most <see cref="MaxContentBytes"/>), its content type and the headers that identify the answer.
/// </summary>
public sealed class ObjectSnapshot
{
    /// <summary>
    /// The largest snapshot the client reads: 16 MiB (a frame of an 8K video as PNG fits). A larger answer is refused
    /// with <see cref="CosResponseTooLargeException"/> and not requested again.
    /// </summary>
    public const int MaxContentBytes = 16 * 1024 * 1024;

    private readonly byte[] _content;

    /// <summary>Creates a snapshot (also for tests and mocks). <paramref name="content"/> is kept, not copied.</summary>
    /// <param name="objectKey">The video's object key.</param>
    /// <param name="timeSeconds">The requested time, in seconds.</param>
    /// <param name="format">The requested format.</param>
    /// <param name="content">The picture's bytes.</param>
    /// <param name="contentType">The answer's Content-Type, for example <c>image/jpeg</c>.</param>
    /// <param name="requestId">The answer's <c>x-cos-request-id</c> (or <c>x-ci-request-id</c>), when present.</param>
    /// <param name="isSimulated">Whether the answer says it is a placeholder (<c>x-cosqe-simulated: true</c>, the emulator without ffmpeg analysis).</param>
    /// <exception cref="ArgumentNullException"><paramref name="objectKey"/>, <paramref name="content"/> or <paramref name="contentType"/> is <see langword="null"/>.</exception>
    public ObjectSnapshot(string objectKey, double timeSeconds, SnapshotFormat format, byte[] content, string contentType, string? requestId = null, bool isSimulated = false)
    {
        ArgumentNullException.ThrowIfNull(objectKey);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(contentType);
        ObjectKey = objectKey;
        TimeSeconds = timeSeconds;
        Format = format;
        _content = content;
        ContentType = contentType;
        RequestId = requestId;
        IsSimulated = isSimulated;
    }

    /// <summary>The video's object key.</summary>
    public string ObjectKey { get; }

    /// <summary>The requested time, in seconds from the start of the video.</summary>
    public double TimeSeconds { get; }

    /// <summary>The requested picture format.</summary>
    public SnapshotFormat Format { get; }

    /// <summary>The picture's bytes (JPEG or PNG).</summary>
    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>The answer's Content-Type, for example <c>image/jpeg</c>.</summary>
    public string ContentType { get; }

    /// <summary>The request id of the answer, for support cases; <see langword="null"/> when absent.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// <see langword="true"/> when the answer is a placeholder, not a frame of the video: the emulator without local
    /// analysis answers a deterministic picture of the requested size marked <c>x-cosqe-simulated: true</c>. The real
    /// service never sets it.
    /// </summary>
    public bool IsSimulated { get; }

    /// <summary>A read-only stream over <see cref="Content"/>.</summary>
    /// <returns>A new stream positioned at the start.</returns>
    public Stream OpenRead() => new MemoryStream(_content, writable: false);
}
