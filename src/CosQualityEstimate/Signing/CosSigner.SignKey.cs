using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CosQualityEstimate.Signing;

// Key derivation: KeyTime (start;end in Unix seconds) and SignKey = hex(HMAC-SHA1(SecretKey, KeyTime)), also used by
// CosSigningKey to precompute both once per credential and window.
public static partial class CosSigner
{
    /// <summary>
    /// Converts the key-time window to Unix seconds. No ordering check: the official signers (cos-python-sdk-v5,
    /// cos-go-sdk-v5, cos-nodejs-sdk-v5) format <c>start;end</c> with whatever values they are given, and so do we.
    /// </summary>
    internal static void ValidateKeyTime(DateTimeOffset keyTimeStart, DateTimeOffset keyTimeEnd, out long start, out long end)
    {
        start = keyTimeStart.ToUnixTimeSeconds();
        end = keyTimeEnd.ToUnixTimeSeconds();
    }

    /// <summary>Writes <c>start;end</c> as ASCII into <paramref name="destination"/> (at least <see cref="MaxKeyTimeLength"/> bytes).</summary>
    internal static int WriteKeyTime(long start, long end, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(start, destination, out int written);
        destination[written++] = (byte)';';
        Utf8Formatter.TryFormat(end, destination[written..], out int endWritten);
        return written + endWritten;
    }

    /// <summary>Writes lowercase hex(HMAC-SHA1(UTF8(secretKey), keyTime)) into <paramref name="signKeyHex"/> (40 bytes).</summary>
    internal static void ComputeSignKey(string secretKey, ReadOnlySpan<byte> keyTime, Span<byte> signKeyHex)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(secretKey.Length);
        byte[]? rented = null;
        Span<byte> keyBytes = maxBytes <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int keyLength = Encoding.UTF8.GetBytes(secretKey, keyBytes);
            Span<byte> mac = stackalloc byte[Sha1Length];
            HMACSHA1.HashData(keyBytes[..keyLength], keyTime, mac);
            WriteHexLower(mac, signKeyHex);
            CryptographicOperations.ZeroMemory(keyBytes[..keyLength]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void WriteHexLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ReadOnlySpan<byte> hex = HexLower;
        for (int i = 0; i < source.Length; i++)
        {
            byte b = source[i];
            destination[2 * i] = hex[b >> 4];
            destination[(2 * i) + 1] = hex[b & 0xF];
        }
    }
}
