using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace CosQualityEstimate.Signing;

// The canonical parameter and header lists: each signed pair RFC 3986-encoded (names lowercased) into the scratch
// buffer, sorted by (name, value) and written as name=value&name=value.
public static partial class CosSigner
{
    private const int Utf8ChunkChars = 64;

    private static ReadOnlySpan<byte> HexUpper => "0123456789ABCDEF"u8;

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
}
