using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CosQualityEstimate.Signing;

// The signer in parts, one concept per file: the request checks and the signing steps here; CosSigner.SignKey.cs (key
// time and SignKey derivation), .SignedHeaders.cs (the header allowlist), .CanonicalPairs.cs (encoding, sorting and
// writing the parameter and header lists), .AuthorizationValue.cs (the header value) and .ScratchBuffers.cs (the
// stack-first buffers they share).
/// <summary>
/// Computes the COS / CI <c>Authorization</c> header value (<c>q-sign-algorithm=sha1</c>).
/// </summary>
/// <remarks>
/// <para>
/// KeyTime is <c>start;end</c> in Unix seconds; SignKey = hex(HMAC-SHA1(SecretKey, KeyTime));
/// HttpString = <c>lower(method)\npath\nparams\nheaders\n</c>;
/// StringToSign = <c>sha1\nKeyTime\nhex(SHA1(HttpString))\n</c>;
/// Signature = hex(HMAC-SHA1(SignKey, StringToSign)).
/// </para>
/// <para>
/// Parameter and header names and values are RFC 3986 percent-encoded over UTF-8 (only <c>A-Za-z0-9-_.~</c>
/// are kept; <c>%XX</c> is uppercase), names are then lowercased, and pairs are sorted ordinally by name, then value.
/// Every query parameter is signed; headers are signed only if on the COS allowlist (<c>host</c>,
/// <c>content-type</c>, <c>content-length</c>, <c>content-md5</c>, ... and every <c>x-cos-*</c> / <c>x-ci-*</c> header).
/// </para>
/// </remarks>
[SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "The COS q-sign-algorithm=sha1 protocol mandates SHA-1 and HMAC-SHA1.")]
public static partial class CosSigner
{
    internal const int HexLength = 40;

    /// <summary>Longest possible KeyTime: two signed 64-bit integers (20 chars each) and ';'.</summary>
    internal const int MaxKeyTimeLength = 41;

    private const int Sha1Length = 20;
    private const int StackBufferBytes = 1024;
    private const int StackEntries = 24;

    private static ReadOnlySpan<byte> HexLower => "0123456789abcdef"u8;

    /// <summary>
    /// Computes the <c>Authorization</c> header value for one request.
    /// </summary>
    /// <param name="credential">The credential to sign with.</param>
    /// <param name="method">The HTTP method, e.g. <c>POST</c> (lowercased for signing).</param>
    /// <param name="path">The decoded URI path, e.g. <c>/jobs</c> or <c>/input/视频 1.mp4</c>; signed as given (not percent-encoded). Must start with <c>/</c>.</param>
    /// <param name="queryParameters">The query parameters, raw (not encoded), as sent. All are signed; a <see langword="null"/> value (e.g. <c>?cancel</c>) signs as empty.</param>
    /// <param name="headers">The request headers, raw, as sent. Only allowlisted names are signed; others (User-Agent, Accept, Date, ...) are ignored.</param>
    /// <param name="keyTimeStart">Start of the signature validity window.</param>
    /// <param name="keyTimeEnd">End of the signature validity window. Both ends are truncated to whole Unix seconds and
    /// written as <c>start;end</c> exactly as given, as Tencent's official signers do: a zero-length (<c>start == end</c>)
    /// or reversed window is signed, not refused (the service then rejects the request as expired). Refusing a useless
    /// validity is the caller's job (<c>JobsClientOptions.SignatureValidity</c> is checked before any request).</param>
    /// <returns>The value for the <c>Authorization</c> header.</returns>
    /// <exception cref="ArgumentNullException">A reference argument, or a query parameter or header name, is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="method"/> is empty, whitespace or not ASCII; <paramref name="path"/> does not start with <c>/</c>;
    /// or a query parameter or header name is empty.
    /// </exception>
    public static string CreateAuthorization(
        CosCredential credential,
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> queryParameters,
        IEnumerable<KeyValuePair<string, string>> headers,
        DateTimeOffset keyTimeStart,
        DateTimeOffset keyTimeEnd)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ValidateRequest(method, path, queryParameters, headers);
        ValidateKeyTime(keyTimeStart, keyTimeEnd, out long start, out long end);

        Span<byte> keyTime = stackalloc byte[MaxKeyTimeLength];
        keyTime = keyTime[..WriteKeyTime(start, end, keyTime)];
        Span<byte> signKeyHex = stackalloc byte[HexLength];
        ComputeSignKey(credential.SecretKey, keyTime, signKeyHex);
        return CreateAuthorizationCore(credential.SecretId, keyTime, signKeyHex, null, method, path, queryParameters, headers);
    }

    /// <summary>
    /// Fast path: computes the <c>Authorization</c> header value with a precomputed <see cref="CosSigningKey"/>
    /// (one SHA-1 and one HMAC-SHA1 per request). Produces exactly what the public overload produces for the
    /// same credential and key-time window.
    /// </summary>
    /// <param name="key">The precomputed signing key (credential and key-time window).</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The decoded URI path, signed as given.</param>
    /// <param name="queryParameters">The raw query parameters.</param>
    /// <param name="headers">The raw request headers.</param>
    /// <returns>The value for the <c>Authorization</c> header.</returns>
    internal static string CreateAuthorization(
        CosSigningKey key,
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> queryParameters,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateRequest(method, path, queryParameters, headers);
        return CreateAuthorizationCore(key.Credential.SecretId, key.KeyTimeUtf8, key.SignKeyHex, key.SignKeyPads, method, path, queryParameters, headers);
    }

    private static void ValidateRequest(
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> queryParameters,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(queryParameters);
        ArgumentNullException.ThrowIfNull(headers);
        if (!Ascii.IsValid(method))
        {
            throw new ArgumentException("The HTTP method must be an ASCII token.", nameof(method));
        }

        if (path.Length == 0 || path[0] != '/')
        {
            throw new ArgumentException("The path must be the decoded URI path and start with '/'.", nameof(path));
        }
    }

    private static string CreateAuthorizationCore(
        string secretId,
        ReadOnlySpan<byte> keyTime,
        ReadOnlySpan<byte> signKeyHex,
        HmacSha1Pads? signKeyPads,
        string method,
        string path,
        IEnumerable<KeyValuePair<string, string>> queryParameters,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        var buffer = new ByteBuffer(stackalloc byte[StackBufferBytes]);
        var entries = new EntryList(stackalloc Entry[StackEntries]);
        try
        {
            // 1. Encode every signed (name, value) pair into the buffer; entries hold offsets.
            AddPairs(queryParameters, isHeaders: false, ref buffer, ref entries);
            int paramCount = entries.Count;
            AddPairs(headers, isHeaders: true, ref buffer, ref entries);

            Span<Entry> all = entries.Span;
            Span<Entry> parameters = all[..paramCount];
            Span<Entry> signedHeaders = all[paramCount..];
            Sort(parameters, buffer.Written);
            Sort(signedHeaders, buffer.Written);

            // 2. HttpString, appended after the encoded pairs.
            int encodedLength = buffer.Length;
            buffer.EnsureCapacity(method.Length + Encoding.UTF8.GetMaxByteCount(path.Length) + encodedLength + (2 * all.Length) + 4);
            Span<byte> dst = buffer.Free;
            _ = Ascii.ToLower(method, dst, out int w); // method is validated ASCII and dst is large enough
            dst[w++] = (byte)'\n';
            w += Encoding.UTF8.GetBytes(path, dst[w..]);
            dst[w++] = (byte)'\n';
            w += WritePairs(parameters, buffer.Written, dst[w..]);
            dst[w++] = (byte)'\n';
            w += WritePairs(signedHeaders, buffer.Written, dst[w..]);
            dst[w++] = (byte)'\n';

            // 3. StringToSign = "sha1\n" KeyTime "\n" hex(SHA1(HttpString)) "\n".
            Span<byte> stringToSign = stackalloc byte[5 + MaxKeyTimeLength + 1 + HexLength + 1];
            Span<byte> hash = stackalloc byte[Sha1Length];
            SHA1.HashData(dst[..w], hash);
            "sha1\n"u8.CopyTo(stringToSign);
            int s = 5;
            keyTime.CopyTo(stringToSign[s..]);
            s += keyTime.Length;
            stringToSign[s++] = (byte)'\n';
            WriteHexLower(hash, stringToSign.Slice(s, HexLength));
            s += HexLength;
            stringToSign[s++] = (byte)'\n';

            // 4. Signature = hex(HMAC-SHA1(SignKey, StringToSign)).
            // With a precomputed key, from its pads (the same MAC, two SHA-1 one-shots).
            if (signKeyPads is not null)
            {
                signKeyPads.Compute(stringToSign[..s], hash);
            }
            else
            {
                HMACSHA1.HashData(signKeyHex, stringToSign[..s], hash);
            }

            Span<byte> signature = stackalloc byte[HexLength];
            WriteHexLower(hash, signature);

            return BuildAuthorization(secretId, keyTime, buffer.Written, parameters, signedHeaders, signature);
        }
        finally
        {
            entries.Dispose();
            buffer.Dispose();
        }
    }
}
