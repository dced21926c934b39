using System.Buffers;
using System.Security.Cryptography;

namespace CosQualityEstimate.Objects;

/// <summary>MD5s of local file ranges, read in chunks (never the whole file in memory).</summary>
internal static class LocalDigest
{
    private const int ChunkSize = 128 * 1024;

    internal static async Task<byte[]> ComputeAsync(LocalFile file, long offset, long length, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var stream = file.OpenRead(1);
            await using (stream.ConfigureAwait(false))
            {
                stream.Position = offset;
                var remaining = length;
                while (remaining > 0)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException($"The file '{file.Path}' ended early (it was truncated while being read).");
                    }

                    md5.AppendData(buffer, 0, read);
                    remaining -= read;
                }
            }

            return md5.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The ETag COS gives the file's content when uploaded with <paramref name="plan"/>: the MD5 hex for a single PUT
    /// (<paramref name="plan"/> <see langword="null"/>), or <c>md5(concatenated part MD5s)-&lt;parts&gt;</c> for multipart. Without quotes.
    /// </summary>
    internal static async Task<string> ExpectedETagAsync(LocalFile file, PartPlan? plan, CancellationToken cancellationToken)
    {
        if (plan is not { } parts)
        {
            return Hex.Lower(await ComputeAsync(file, 0, file.Length, cancellationToken).ConfigureAwait(false));
        }

        using var combined = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        for (var number = 1; number <= parts.PartCount; number++)
        {
            combined.AppendData(await ComputeAsync(file, parts.OffsetOf(number), parts.SizeOf(number), cancellationToken).ConfigureAwait(false));
        }

        return Hex.Lower(combined.GetHashAndReset()) + "-" + parts.PartCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
