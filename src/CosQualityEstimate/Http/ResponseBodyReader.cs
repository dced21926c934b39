using System.Buffers;
using System.Runtime.CompilerServices;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Http;

/// <summary>
/// Reads a response body in full, bounded by <see cref="CosXml.MaxBodyBytes"/> or the request's own limit
/// (<see cref="CosRequest.MaxSuccessBodyBytes"/>): straight into an exactly-sized array when the length is declared, in
/// pooled chunks otherwise; a body that ends early or runs over the limit is a <see cref="CosResponseFormatException"/>
/// (<see cref="CosResponseTooLargeException"/> over a request's own limit).
/// </summary>
internal static class ResponseBodyReader
{
    /// <summary>Reads the body.</summary>
    /// <param name="response">The response.</param>
    /// <param name="status">Its status.</param>
    /// <param name="requestId">Its request id.</param>
    /// <param name="ownLimit">The request's own limit; <see langword="null"/> for the XML limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <remarks>A pooled <see cref="ValueTask{TResult}"/> (its state machine box is reused, not allocated per read): await it
    /// exactly once.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal static async ValueTask<byte[]> ReadAsync(HttpResponseMessage response, int status, string? requestId, int? ownLimit, CancellationToken cancellationToken)
    {
        var limit = ownLimit ?? CosXml.MaxBodyBytes;
        if (response.Content.Headers.ContentLength is long declared && declared > limit)
        {
            throw ownLimit is not null
                ? new CosResponseTooLargeException(status, requestId, limit, declared)
                : new CosResponseFormatException(status, requestId, string.Empty, null, $"The response declares {declared} bytes, over the {CosXml.MaxBodyBytes}-byte limit.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[]? exact = null;
            if (response.Content.Headers.ContentLength is long length)
            {
                // Known length (the usual case): read straight into an exactly-sized array, no chunk buffer or copy.
                exact = length == 0 ? [] : new byte[length];
                var filled = 0;
                int read;
                while (filled < exact.Length && (read = await stream.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }

                if (filled < exact.Length)
                {
                    // HttpClient's own streams throw on a short body; a stream that just ends early lands here.
                    var partial = exact.AsSpan(0, filled);
                    throw new CosResponseFormatException(status, requestId, BodyPreview.Create(partial), BodyPreview.FindJobId(partial), $"The response body ended after {filled} of its declared {length} bytes.");
                }
            }

            return await ReadRestAsync(stream, exact, status, requestId, limit, ownLimit is not null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads what is left of <paramref name="stream"/> after <paramref name="prefix"/> (the declared length, already read)
    /// in pooled chunks, bounded by <paramref name="limit"/>. With a declared length this is one read that returns 0,
    /// unless a handler changed the body without fixing its Content-Length (a ValueTask: that synchronous end allocates no task).
    /// </summary>
    private static async ValueTask<byte[]> ReadRestAsync(Stream stream, byte[]? prefix, int status, string? requestId, int limit, bool ownLimit, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return prefix ?? [];
            }

            using var buffer = new MemoryStream();
            if (prefix is not null)
            {
                buffer.Write(prefix);
            }

            do
            {
                if (buffer.Length + read > limit)
                {
                    throw ownLimit
                        ? new CosResponseTooLargeException(status, requestId, limit, null)
                        : new CosResponseFormatException(status, requestId, BodyPreview.Create(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), null, $"The response body exceeds the {CosXml.MaxBodyBytes}-byte limit.");
                }

                buffer.Write(chunk, 0, read);
            }
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0);

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
