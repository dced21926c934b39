using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace CosQualityEstimate.Objects;

/// <summary>
/// One attempt's body: <see cref="Length"/> bytes of a file from <see cref="Offset"/>, read in chunks (never the whole
/// file in memory), hashed with MD5 as they are sent, and reported to a progress tracker.
/// </summary>
internal sealed class FileSegmentContent : HttpContent
{
    private const int ChunkSize = 128 * 1024;

    private readonly LocalFile _file;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly UploadProgressTracker? _progress;
    private long _sent;
    private byte[]? _digest;

    internal FileSegmentContent(LocalFile file, long offset, long length, string contentType, byte[]? contentMd5, UploadProgressTracker? progress)
    {
        _file = file;
        Offset = offset;
        Length = length;
        _progress = progress;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        Headers.ContentLength = length;
        if (contentMd5 is not null)
        {
            Headers.ContentMD5 = contentMd5;
        }
    }

    internal long Offset { get; }

    internal long Length { get; }

    /// <summary>MD5 of the bytes sent by this attempt, once all of them were sent; <see langword="null"/> otherwise.</summary>
    internal byte[]? SentMd5 => _digest;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // A new attempt of the same content object (HttpClient may resend on a redirect): start over.
        _progress?.Add(-_sent);
        _sent = 0;
        _md5.GetHashAndReset();
        _digest = null;

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var file = _file.OpenRead(1);
            await using (file.ConfigureAwait(false))
            {
                file.Position = Offset;
                var remaining = Length;
                while (remaining > 0)
                {
                    var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException($"The file '{_file.Path}' ended early (it was truncated while being uploaded).");
                    }

                    _md5.AppendData(buffer, 0, read);
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                    _sent += read;
                    _progress?.Add(read);
                }
            }

            _digest = _md5.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length;
        return true;
    }

    /// <summary>Takes back this attempt's progress (the attempt failed and will be resent).</summary>
    internal void RevokeProgress()
    {
        _progress?.Add(-_sent);
        _sent = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
        }

        base.Dispose(disposing);
    }
}
