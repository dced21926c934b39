using System.Security.Cryptography;

namespace CosQualityEstimate.Signing;

/// <summary>
/// HMAC-SHA1 (RFC 2104) with the key's inner and outer pads computed once: <c>SHA1((K ^ opad) || SHA1((K ^ ipad) || m))</c>
/// as two one-shot SHA-1 calls, which gives exactly what <see cref="HMACSHA1.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
/// gives for the same key and message without deriving the pads on every call. For keys of at most one SHA-1 block
/// (64 bytes; the COS SignKey is 40 hex bytes) and messages of at most <see cref="MaxMessageLength"/> bytes. Immutable
/// and thread-safe.
/// </summary>
internal sealed class HmacSha1Pads
{
    /// <summary>The SHA-1 block size, and the length of each pad.</summary>
    internal const int BlockSize = 64;

    /// <summary>The longest message <see cref="Compute"/> takes (the StringToSign is at most 88 bytes).</summary>
    internal const int MaxMessageLength = 192;

    private const int HashLength = 20;

    private readonly byte[] _innerPad = new byte[BlockSize];
    private readonly byte[] _outerPad = new byte[BlockSize];

    /// <summary>Computes the pads of <paramref name="key"/> (at most <see cref="BlockSize"/> bytes).</summary>
    /// <param name="key">The HMAC key.</param>
    /// <exception cref="ArgumentException">The key is longer than one block.</exception>
    internal HmacSha1Pads(ReadOnlySpan<byte> key)
    {
        if (key.Length > BlockSize)
        {
            throw new ArgumentException("The key must be at most one SHA-1 block (64 bytes).", nameof(key));
        }

        for (var i = 0; i < BlockSize; i++)
        {
            var k = i < key.Length ? key[i] : (byte)0;
            _innerPad[i] = (byte)(k ^ 0x36);
            _outerPad[i] = (byte)(k ^ 0x5c);
        }
    }

    /// <summary>Writes HMAC-SHA1(key, <paramref name="message"/>) into <paramref name="mac"/> (20 bytes).</summary>
    /// <param name="message">The message, at most <see cref="MaxMessageLength"/> bytes.</param>
    /// <param name="mac">Receives the 20-byte MAC.</param>
    /// <exception cref="ArgumentException">The message is longer than <see cref="MaxMessageLength"/>.</exception>
    internal void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        if (message.Length > MaxMessageLength)
        {
            throw new ArgumentException("The message is longer than the pads' buffer.", nameof(message));
        }

        Span<byte> inner = stackalloc byte[BlockSize + MaxMessageLength];
        _innerPad.CopyTo(inner);
        message.CopyTo(inner[BlockSize..]);
        Span<byte> outer = stackalloc byte[BlockSize + HashLength];
        _outerPad.CopyTo(outer);
        SHA1.HashData(inner[..(BlockSize + message.Length)], outer[BlockSize..]);
        SHA1.HashData(outer, mac);
    }
}
