using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CosQualityEstimate.Signing;

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
public static class CosSigner
{
    internal const int HexLength = 40;

    /// <summary>Longest possible KeyTime: two signed 64-bit integers (20 chars each) and ';'.</summary>
    internal const int MaxKeyTimeLength = 41;

    private const int Sha1Length = 20;
    private const int StackBufferBytes = 1024;
    private const int StackEntries = 24;
    private const int StackChars = 512;
    private const int Utf8ChunkChars = 64;

    private const string AlgorithmPrefix = "q-sign-algorithm=sha1&q-ak=";
    private const string SignTimePrefix = "&q-sign-time=";
    private const string KeyTimePrefix = "&q-key-time=";
    private const string HeaderListPrefix = "&q-header-list=";
    private const string ParamListPrefix = "&q-url-param-list=";
    private const string SignaturePrefix = "&q-signature=";

    private static ReadOnlySpan<byte> HexLower => "0123456789abcdef"u8;

    private static ReadOnlySpan<byte> HexUpper => "0123456789ABCDEF"u8;

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
        return CreateAuthorizationCore(credential.SecretId, keyTime, signKeyHex, method, path, queryParameters, headers);
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
        return CreateAuthorizationCore(key.Credential.SecretId, key.KeyTimeUtf8, key.SignKeyHex, method, path, queryParameters, headers);
    }

    /// <summary>Returns whether a header with this name is part of the COS signature (case-insensitive).</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> for allowlisted names and every <c>x-cos-*</c> / <c>x-ci-*</c> name.</returns>
    internal static bool IsSignedHeader(string name)
    {
        if (name.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith("x-ci-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return name.Length switch
        {
            4 => EqualsIgnoreCase(name, "host"),
            5 => EqualsIgnoreCase(name, "range"),
            6 => EqualsIgnoreCase(name, "expect") || EqualsIgnoreCase(name, "origin"),
            7 => EqualsIgnoreCase(name, "expires"),
            8 => EqualsIgnoreCase(name, "if-match"),
            11 => EqualsIgnoreCase(name, "content-md5"),
            12 => EqualsIgnoreCase(name, "content-type"),
            13 => EqualsIgnoreCase(name, "cache-control") || EqualsIgnoreCase(name, "if-none-match"),
            14 => EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "pic-operations"),
            16 => EqualsIgnoreCase(name, "content-encoding"),
            17 => EqualsIgnoreCase(name, "if-modified-since") || EqualsIgnoreCase(name, "transfer-encoding"),
            19 => EqualsIgnoreCase(name, "content-disposition") || EqualsIgnoreCase(name, "if-unmodified-since"),
            _ => false,
        };

        static bool EqualsIgnoreCase(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }

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
            HMACSHA1.HashData(signKeyHex, stringToSign[..s], hash);
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

    private static void AddPairs(IEnumerable<KeyValuePair<string, string>> pairs, bool isHeaders, ref ByteBuffer buffer, ref EntryList entries)
    {
        // Avoid boxing an enumerator for the common concrete collection types.
        switch (pairs)
        {
            case KeyValuePair<string, string>[] array:
                foreach (KeyValuePair<string, string> pair in array)
                {
                    AddPair(pair.Key, pair.Value, isHeaders, ref buffer, ref entries);
                }

                break;
            case List<KeyValuePair<string, string>> list:
                foreach (KeyValuePair<string, string> pair in CollectionsMarshal.AsSpan(list))
                {
                    AddPair(pair.Key, pair.Value, isHeaders, ref buffer, ref entries);
                }

                break;
            case Dictionary<string, string> dictionary:
                foreach (KeyValuePair<string, string> pair in dictionary)
                {
                    AddPair(pair.Key, pair.Value, isHeaders, ref buffer, ref entries);
                }

                break;
            case IReadOnlyList<KeyValuePair<string, string>> readOnlyList:
                for (int i = 0; i < readOnlyList.Count; i++)
                {
                    KeyValuePair<string, string> pair = readOnlyList[i];
                    AddPair(pair.Key, pair.Value, isHeaders, ref buffer, ref entries);
                }

                break;
            default:
                foreach (KeyValuePair<string, string> pair in pairs)
                {
                    AddPair(pair.Key, pair.Value, isHeaders, ref buffer, ref entries);
                }

                break;
        }
    }

    private static void AddPair(string? name, string? value, bool isHeaders, ref ByteBuffer buffer, ref EntryList entries)
    {
        string paramName = isHeaders ? "headers" : "queryParameters";
        if (string.IsNullOrEmpty(name))
        {
            throw name is null
                ? new ArgumentNullException(paramName, "A name is null.")
                : new ArgumentException("A name is empty.", paramName);
        }

        if (isHeaders && !IsSignedHeader(name))
        {
            return;
        }

        value ??= string.Empty;
        Entry entry;
        entry.NameStart = buffer.Length;
        entry.NameLength = AppendEncoded(name, lowercase: true, ref buffer);
        entry.ValueStart = buffer.Length;
        entry.ValueLength = AppendEncoded(value, lowercase: false, ref buffer);
        entries.Add(entry);
    }

    /// <summary>RFC 3986-encodes <paramref name="text"/> (UTF-8) into the buffer; with <paramref name="lowercase"/> the result is lowercased.</summary>
    private static int AppendEncoded(string text, bool lowercase, ref ByteBuffer buffer)
    {
        // Worst case: one UTF-16 unit -> 3 UTF-8 bytes -> 9 output bytes.
        buffer.EnsureCapacity(text.Length * 9);
        Span<byte> dst = buffer.Free;
        ReadOnlySpan<byte> hex = lowercase ? HexLower : HexUpper;
        int w = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if (IsUnreserved(c))
                {
                    dst[w++] = lowercase && (uint)(c - 'A') <= 'Z' - 'A' ? (byte)(c | 0x20) : (byte)c;
                }
                else
                {
                    dst[w] = (byte)'%';
                    dst[w + 1] = hex[c >> 4];
                    dst[w + 2] = hex[c & 0xF];
                    w += 3;
                }

                i++;
                continue;
            }

            // A run of non-ASCII characters: UTF-8 encode in chunks (never splitting a surrogate pair), then escape every byte.
            int runEnd = i + 1;
            while (runEnd < text.Length && runEnd - i < Utf8ChunkChars && text[runEnd] >= 0x80)
            {
                runEnd++;
            }

            if (runEnd - i > 1 && runEnd < text.Length && char.IsHighSurrogate(text[runEnd - 1]))
            {
                runEnd--;
            }

            w += AppendUtf8Escaped(text.AsSpan(i, runEnd - i), dst[w..], hex);
            i = runEnd;
        }

        buffer.Advance(w);
        return w;
    }

    private static int AppendUtf8Escaped(ReadOnlySpan<char> chunk, Span<byte> destination, ReadOnlySpan<byte> hex)
    {
        Span<byte> utf8 = stackalloc byte[Utf8ChunkChars * 3];
        int byteCount = Encoding.UTF8.GetBytes(chunk, utf8);
        int w = 0;
        foreach (byte b in utf8[..byteCount])
        {
            destination[w] = (byte)'%';
            destination[w + 1] = hex[b >> 4];
            destination[w + 2] = hex[b & 0xF];
            w += 3;
        }

        return w;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsUnreserved(char c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' ||
        (uint)(c - '0') <= 9 ||
        c is '-' or '_' or '.' or '~';

    /// <summary>Insertion sort by (name, value), ordinal over the encoded ASCII bytes. Request pair counts are small.</summary>
    private static void Sort(Span<Entry> entries, ReadOnlySpan<byte> data)
    {
        for (int i = 1; i < entries.Length; i++)
        {
            Entry current = entries[i];
            int j = i - 1;
            while (j >= 0 && Compare(entries[j], current, data) > 0)
            {
                entries[j + 1] = entries[j];
                j--;
            }

            entries[j + 1] = current;
        }
    }

    private static int Compare(in Entry x, in Entry y, ReadOnlySpan<byte> data)
    {
        int byName = data.Slice(x.NameStart, x.NameLength).SequenceCompareTo(data.Slice(y.NameStart, y.NameLength));
        return byName != 0
            ? byName
            : data.Slice(x.ValueStart, x.ValueLength).SequenceCompareTo(data.Slice(y.ValueStart, y.ValueLength));
    }

    /// <summary>Writes <c>name=value&amp;name=value</c>.</summary>
    private static int WritePairs(ReadOnlySpan<Entry> entries, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int w = 0;
        for (int i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                destination[w++] = (byte)'&';
            }

            Entry e = entries[i];
            data.Slice(e.NameStart, e.NameLength).CopyTo(destination[w..]);
            w += e.NameLength;
            destination[w++] = (byte)'=';
            data.Slice(e.ValueStart, e.ValueLength).CopyTo(destination[w..]);
            w += e.ValueLength;
        }

        return w;
    }

    private static string BuildAuthorization(
        string secretId,
        ReadOnlySpan<byte> keyTime,
        ReadOnlySpan<byte> data,
        ReadOnlySpan<Entry> parameters,
        ReadOnlySpan<Entry> signedHeaders,
        ReadOnlySpan<byte> signature)
    {
        int length = AlgorithmPrefix.Length + secretId.Length
            + SignTimePrefix.Length + keyTime.Length
            + KeyTimePrefix.Length + keyTime.Length
            + HeaderListPrefix.Length + NameListLength(signedHeaders)
            + ParamListPrefix.Length + NameListLength(parameters)
            + SignaturePrefix.Length + signature.Length;

        char[]? rented = null;
        Span<char> chars = length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            int w = 0;
            Append(chars, ref w, AlgorithmPrefix);
            Append(chars, ref w, secretId);
            Append(chars, ref w, SignTimePrefix);
            AppendAscii(chars, ref w, keyTime);
            Append(chars, ref w, KeyTimePrefix);
            AppendAscii(chars, ref w, keyTime);
            Append(chars, ref w, HeaderListPrefix);
            AppendNameList(chars, ref w, signedHeaders, data);
            Append(chars, ref w, ParamListPrefix);
            AppendNameList(chars, ref w, parameters, data);
            Append(chars, ref w, SignaturePrefix);
            AppendAscii(chars, ref w, signature);
            return new string(chars[..w]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static int NameListLength(ReadOnlySpan<Entry> entries)
    {
        int length = entries.Length > 0 ? entries.Length - 1 : 0;
        foreach (Entry e in entries)
        {
            length += e.NameLength;
        }

        return length;
    }

    private static void AppendNameList(Span<char> chars, ref int w, ReadOnlySpan<Entry> entries, ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < entries.Length; i++)
        {
            if (i > 0)
            {
                chars[w++] = ';';
            }

            AppendAscii(chars, ref w, data.Slice(entries[i].NameStart, entries[i].NameLength));
        }
    }

    private static void Append(Span<char> chars, ref int w, string text)
    {
        text.CopyTo(chars[w..]);
        w += text.Length;
    }

    private static void AppendAscii(Span<char> chars, ref int w, ReadOnlySpan<byte> ascii)
    {
        Ascii.ToUtf16(ascii, chars[w..], out int written);
        w += written;
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

    /// <summary>Offsets of one encoded (name, value) pair inside the scratch buffer.</summary>
    private struct Entry
    {
        public int NameStart;
        public int NameLength;
        public int ValueStart;
        public int ValueLength;
    }

    /// <summary>A growable list of <see cref="Entry"/> starting on the stack, spilling to <see cref="ArrayPool{T}"/>.</summary>
    private ref struct EntryList
    {
        private Span<Entry> _items;
        private Entry[]? _rented;

        public EntryList(Span<Entry> initial)
        {
            _items = initial;
            _rented = null;
            Count = 0;
        }

        public int Count { get; private set; }

        public readonly Span<Entry> Span => _items[..Count];

        public void Add(Entry entry)
        {
            if (Count == _items.Length)
            {
                Entry[] larger = ArrayPool<Entry>.Shared.Rent(_items.Length * 2);
                _items.CopyTo(larger);
                Return();
                _items = _rented = larger;
            }

            _items[Count++] = entry;
        }

        public void Dispose()
        {
            Return();
            _items = default;
        }

        private readonly void Return()
        {
            if (_rented is not null)
            {
                ArrayPool<Entry>.Shared.Return(_rented);
            }
        }
    }

    /// <summary>A growable byte buffer starting on the stack, spilling to <see cref="ArrayPool{T}"/>.</summary>
    private ref struct ByteBuffer
    {
        private Span<byte> _bytes;
        private byte[]? _rented;

        public ByteBuffer(Span<byte> initial)
        {
            _bytes = initial;
            _rented = null;
            Length = 0;
        }

        public int Length { get; private set; }

        public readonly ReadOnlySpan<byte> Written => _bytes[..Length];

        public readonly Span<byte> Free => _bytes[Length..];

        public void Advance(int count) => Length += count;

        public void EnsureCapacity(int additional)
        {
            if (_bytes.Length - Length >= additional)
            {
                return;
            }

            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + additional));
            _bytes[..Length].CopyTo(larger);
            Return();
            _bytes = _rented = larger;
        }

        public void Dispose()
        {
            Return();
            _bytes = default;
        }

        private readonly void Return()
        {
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }
        }
    }
}
