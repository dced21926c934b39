using System.Text.Unicode;
using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The cheap path for the common answer: a body in a small, plain subset of XML (<see cref="IsPlain(ReadOnlySpan{byte})"/>) is read in
/// place by <see cref="PlainSubsetXmlReader"/>, one per thread, reset for each body instead of created (the hardened
/// <see cref="CosXml"/> reader allocates about 4 KB of buffers, node stack and namespace manager per body, and decodes the
/// body into its own buffer first). Everything else — a DTD, comments, CDATA, processing
/// instructions other than a plain declaration, attributes and namespaces, character references, control characters,
/// invalid UTF-8, a second root, text outside the root, nesting deeper than <see cref="JobsResponseReader.MaxDepth"/> —
/// is not plain and goes to the hardened reader, as does any body the plain path fails on (so every error a caller
/// sees is the hardened reader's, and a hostile body is never accepted by the plain path alone).
/// </summary>
/// <remarks>
/// In the plain subset both readers report the same nodes: start and end tags with ASCII names and no attributes, text
/// with the five predefined entities, line breaks normalized to <c>\n</c>. The plain reader reads nothing else: it
/// relies on <see cref="IsPlain(ReadOnlySpan{byte})"/> having accepted the body, checks only that end tags match, and throws on
/// anything unexpected. Its name table lives as long as the reader and is bounded
/// (<see cref="ReusedNameTable.MaxChars"/> characters, as the hardened reader's table): a body that would pass it fails,
/// is read by the hardened reader, and the thread's reader is replaced, as after any failure. The reader is taken from
/// its slot while in use (a nested read makes its own) and is reset to no input afterwards, so it keeps no body alive.
/// </remarks>
internal static class PlainXmlReader
{
    private static ReadOnlySpan<byte> NonCharacterFffe => [0xEF, 0xBF, 0xBE];

    private static ReadOnlySpan<byte> NonCharacterFfff => [0xEF, 0xBF, 0xBF];

    /// <summary>Bytes that end a run of ordinary text inside the root: markup, entities, '&gt;' (for <c>]]&gt;</c>),
    /// control characters other than tab, LF and CR, and every non-ASCII byte (checked as UTF-8 at the end).</summary>
    private static readonly System.Buffers.SearchValues<byte> TextSpecial = System.Buffers.SearchValues.Create(CreateTextSpecial());

    /// <summary>This thread's reader, reset for each body.</summary>
    [ThreadStatic]
    private static PlainSubsetXmlReader? t_reader;

    /// <summary>
    /// Reads <paramref name="body"/> with <paramref name="readRoot"/> through <see cref="XmlRootReader.ReadRoot{T}"/> when
    /// it is plain and the plain read succeeds; otherwise returns <see langword="false"/> and the caller reads the body
    /// with the hardened reader (which then reports the error, if any).
    /// </summary>
    internal static bool TryRead<T>(byte[] body, string rootName, Func<XmlReader, T> readRoot, out T result)
    {
        result = default!;
        if (!IsPlain(body))
        {
            return false;
        }

        var reader = t_reader ?? new PlainSubsetXmlReader();
        t_reader = null; // a nested read on this thread makes its own reader
        try
        {
            reader.SetInput(body);
            result = XmlRootReader.ReadRoot(reader, rootName, readRoot);
        }
#pragma warning disable CA1031 // Not swallowed: the hardened reader reads the body again and reports its own error.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Dropped, not kept: among the failures is its name table's quota (a service inventing element names).
            ReaderReplacements++;
            return false;
        }

        reader.SetInput([]); // keeps no body alive
        t_reader = reader;
        return true;
    }

    /// <summary>How many of this thread's readers were dropped after a failed read (for tests).</summary>
    [ThreadStatic]
    internal static int ReaderReplacements;

    /// <summary>
    /// True when <paramref name="body"/> is in the plain subset: an optional <c>&lt;?xml version="1.0"?&gt;</c> declaration
    /// (encoding UTF-8, standalone yes or no) at the very start, then one root element; only start, empty and end tags
    /// whose names are ASCII letters, digits, <c>_ . -</c> (not starting with a digit, <c>.</c> or <c>-</c>) with no
    /// attributes; text with no control characters but tab, CR and LF, no <c>]]&gt;</c>, entities only <c>&amp;amp;</c>
    /// <c>&amp;lt;</c> <c>&amp;gt;</c> <c>&amp;quot;</c> <c>&amp;apos;</c>; only whitespace outside the root; nesting within
    /// <see cref="JobsResponseReader.MaxDepth"/>; valid UTF-8 without U+FFFE or U+FFFF. Whether tags match is left to the reader.
    /// </summary>
    /// <param name="body">The body.</param>
    internal static bool IsPlain(ReadOnlySpan<byte> body)
    {
        var i = SkipDeclaration(body);
        if (i < 0)
        {
            return false;
        }

        var depth = 0;
        var rootSeen = false;
        var ascii = true;
        while (i < body.Length)
        {
            if (depth > 0)
            {
                // Inside the root: jump over ordinary text to the next byte that needs a look.
                var next = body[i..].IndexOfAny(TextSpecial);
                if (next < 0)
                {
                    return false; // the root is not closed
                }

                i += next;
            }

            var b = body[i];
            if (b == '<')
            {
                var closing = i + 1 < body.Length && body[i + 1] == '/';
                var end = closing ? i + 2 : i + 1;
                if (end >= body.Length || !IsNameStart(body[end]))
                {
                    return false;
                }

                while (end < body.Length && IsNameChar(body[end]))
                {
                    end++;
                }

                var j = end;
                while (j < body.Length && IsSpace(body[j]))
                {
                    j++;
                }

                if (j >= body.Length)
                {
                    return false;
                }

                var selfClosing = false;
                if (!closing && body[j] == '/')
                {
                    selfClosing = true;
                    j++;
                    if (j >= body.Length)
                    {
                        return false;
                    }
                }

                if (body[j] != '>')
                {
                    return false; // an attribute, a namespace prefix, or something that is not a tag
                }

                if (closing)
                {
                    if (depth == 0)
                    {
                        return false;
                    }

                    depth--;
                }
                else
                {
                    if (depth == 0 && rootSeen)
                    {
                        return false; // a second root
                    }

                    rootSeen = true;
                    if (depth >= JobsResponseReader.MaxDepth)
                    {
                        return false;
                    }

                    if (!selfClosing)
                    {
                        depth++;
                    }
                }

                i = j + 1;
                continue;
            }

            if (depth == 0)
            {
                if (!IsSpace(b))
                {
                    return false; // text outside the root
                }

                i++;
                continue;
            }

            if (b == '&')
            {
                var rest = body[(i + 1)..];
                var length = rest.StartsWith("amp;"u8) ? 4 : rest.StartsWith("lt;"u8) || rest.StartsWith("gt;"u8) ? 3 : rest.StartsWith("quot;"u8) || rest.StartsWith("apos;"u8) ? 5 : 0;
                if (length == 0)
                {
                    return false; // a character reference or another entity
                }

                i += length + 1;
                continue;
            }

            if (b == '>')
            {
                if (i >= 2 && body[i - 1] == ']' && body[i - 2] == ']')
                {
                    return false;
                }
            }
            else if (b >= 0x80)
            {
                ascii = false;
            }
            else
            {
                return false; // a control character other than tab, CR and LF
            }

            i++;
        }

        if (depth != 0 || !rootSeen)
        {
            return false;
        }

        // U+FFFE and U+FFFF are valid UTF-8 but not XML characters: EF BF BE, EF BF BF.
        return ascii || (Utf8.IsValid(body) && body.IndexOf(NonCharacterFffe) < 0 && body.IndexOf(NonCharacterFfff) < 0);
    }

    /// <summary>The index after a plain declaration at the start, 0 when there is none, -1 when the start is not plain (a BOM, another declaration).</summary>
    private static int SkipDeclaration(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith("<?"u8))
        {
            return 0;
        }

        var i = Expect(body, 0, "<?xml version="u8);
        i = QuotedValue(body, i, static v => v.SequenceEqual("1.0"u8));
        if (i > 0 && Expect(body, i, " encoding="u8) is var e && e > 0)
        {
            i = QuotedValue(body, e, static v => v.Length == 5 && (v[0] | 0x20) == 'u' && (v[1] | 0x20) == 't' && (v[2] | 0x20) == 'f' && v[3] == '-' && v[4] == '8');
        }

        if (i > 0 && Expect(body, i, " standalone="u8) is var s && s > 0)
        {
            i = QuotedValue(body, s, static v => v.SequenceEqual("yes"u8) || v.SequenceEqual("no"u8));
        }

        if (i > 0 && i < body.Length && body[i] == ' ')
        {
            i++;
        }

        return i > 0 ? Expect(body, i, "?>"u8) : -1;
    }

    private static int Expect(ReadOnlySpan<byte> body, int at, ReadOnlySpan<byte> text) =>
        at >= 0 && body[at..].StartsWith(text) ? at + text.Length : -1;

    private delegate bool ValueCheck(ReadOnlySpan<byte> value);

    private static int QuotedValue(ReadOnlySpan<byte> body, int at, ValueCheck check)
    {
        if (at < 0 || at >= body.Length || body[at] is not ((byte)'"' or (byte)'\''))
        {
            return -1;
        }

        var quote = body[at];
        var close = body[(at + 1)..].IndexOf(quote);
        return close >= 0 && check(body.Slice(at + 1, close)) ? at + close + 2 : -1;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static bool IsNameStart(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_';

    private static bool IsNameChar(byte b) => IsNameStart(b) || b is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-';

    private static byte[] CreateTextSpecial()
    {
        var bytes = new List<byte> { (byte)'<', (byte)'&', (byte)'>' };
        for (var b = 0; b < 0x20; b++)
        {
            if (b is not '\t' and not '\n' and not '\r')
            {
                bytes.Add((byte)b);
            }
        }

        for (var b = 0x80; b <= 0xFF; b++)
        {
            bytes.Add((byte)b);
        }

        return [.. bytes];
    }
}
