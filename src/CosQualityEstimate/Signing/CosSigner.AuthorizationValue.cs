using System.Buffers;
using System.Text;

namespace CosQualityEstimate.Signing;

// The Authorization header value: q-sign-algorithm, q-ak, the key times, the signed name lists and the signature.
public static partial class CosSigner
{
    private const int StackChars = 512;

    private const string AlgorithmPrefix = "q-sign-algorithm=sha1&q-ak=";
    private const string SignTimePrefix = "&q-sign-time=";
    private const string KeyTimePrefix = "&q-key-time=";
    private const string HeaderListPrefix = "&q-header-list=";
    private const string ParamListPrefix = "&q-url-param-list=";
    private const string SignaturePrefix = "&q-signature=";

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
}
