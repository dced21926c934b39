using System.Text;

namespace CosQualityEstimate.Signing;

/// <summary>
/// An immutable, precomputed COS signing key: a credential plus one key-time window and the
/// SignKey (lowercase hex of HMAC-SHA1(SecretKey, KeyTime)) derived from them.
/// </summary>
/// <remarks>
/// Reusing one instance for every request inside its window lets
/// <see cref="CosSigner.CreateAuthorization(CosSigningKey, string, string, IEnumerable{KeyValuePair{string, string}}, IEnumerable{KeyValuePair{string, string}})"/>
/// sign with one SHA-1 and one HMAC-SHA1 instead of one SHA-1 and two HMAC-SHA1. Thread-safe.
/// </remarks>
internal sealed class CosSigningKey
{
    private readonly byte[] _keyTime;
    private readonly byte[] _signKeyHex;

    private CosSigningKey(CosCredential credential, long start, long end, byte[] keyTime, byte[] signKeyHex)
    {
        Credential = credential;
        KeyTimeStart = DateTimeOffset.FromUnixTimeSeconds(start);
        KeyTimeEnd = DateTimeOffset.FromUnixTimeSeconds(end);
        _keyTime = keyTime;
        _signKeyHex = signKeyHex;
        SignKeyPads = new HmacSha1Pads(signKeyHex);
        KeyTime = Encoding.ASCII.GetString(keyTime);
    }

    /// <summary>Gets the credential this key was derived from.</summary>
    internal CosCredential Credential { get; }

    /// <summary>Gets the start of the key-time window, truncated to whole seconds (UTC).</summary>
    internal DateTimeOffset KeyTimeStart { get; }

    /// <summary>Gets the end of the key-time window, truncated to whole seconds (UTC).</summary>
    internal DateTimeOffset KeyTimeEnd { get; }

    /// <summary>Gets the KeyTime text, <c>start;end</c> in Unix seconds.</summary>
    internal string KeyTime { get; }

    /// <summary>Gets the ASCII bytes of <see cref="KeyTime"/>.</summary>
    internal ReadOnlySpan<byte> KeyTimeUtf8 => _keyTime;

    /// <summary>Gets the ASCII bytes of the lowercase-hex SignKey (the HMAC key for the final signature).</summary>
    internal ReadOnlySpan<byte> SignKeyHex => _signKeyHex;

    /// <summary>Gets the HMAC pads of <see cref="SignKeyHex"/>, computed once for every signature made with this key.</summary>
    internal HmacSha1Pads SignKeyPads { get; }

    /// <summary>Derives a signing key for <paramref name="credential"/> valid from <paramref name="keyTimeStart"/> to <paramref name="keyTimeEnd"/>.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="keyTimeStart">Start of the signature validity window.</param>
    /// <param name="keyTimeEnd">End of the window; formatted as given, like <see cref="CosSigner.CreateAuthorization(CosCredential, string, string, IEnumerable{KeyValuePair{string, string}}, IEnumerable{KeyValuePair{string, string}}, DateTimeOffset, DateTimeOffset)"/>.</param>
    /// <returns>The precomputed key.</returns>
    internal static CosSigningKey Create(CosCredential credential, DateTimeOffset keyTimeStart, DateTimeOffset keyTimeEnd)
    {
        ArgumentNullException.ThrowIfNull(credential);
        CosSigner.ValidateKeyTime(keyTimeStart, keyTimeEnd, out long start, out long end);

        Span<byte> keyTime = stackalloc byte[CosSigner.MaxKeyTimeLength];
        int keyTimeLength = CosSigner.WriteKeyTime(start, end, keyTime);
        byte[] signKeyHex = new byte[CosSigner.HexLength];
        CosSigner.ComputeSignKey(credential.SecretKey, keyTime[..keyTimeLength], signKeyHex);
        return new CosSigningKey(credential, start, end, keyTime[..keyTimeLength].ToArray(), signKeyHex);
    }

    /// <summary>
    /// Returns whether a signature made with this key at <paramref name="now"/> stays valid for at least
    /// <paramref name="minimumRemaining"/>.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="minimumRemaining">How long the signature must still be valid after <paramref name="now"/>.</param>
    /// <returns><see langword="true"/> if the window covers <c>[now, now + minimumRemaining]</c>.</returns>
    internal bool Covers(DateTimeOffset now, TimeSpan minimumRemaining) =>
        now >= KeyTimeStart && now + minimumRemaining <= KeyTimeEnd;

    /// <inheritdoc/>
    public override string ToString() => "CosSigningKey(" + Credential + ", KeyTime=" + KeyTime + ")";
}
