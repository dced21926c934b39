using System.Text;
using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// A forward-only <see cref="XmlReader"/> over a body that <see cref="PlainXmlReader.IsPlain(ReadOnlySpan{byte})"/> has
/// already accepted, and only such a body: start, empty and end tags with ASCII names and no attributes, text with the
/// five predefined entities, an optional plain declaration, whitespace outside the one root. It reports the nodes the
/// BCL's readers report for that subset — <see cref="XmlNodeType.Element"/>, <see cref="XmlNodeType.EndElement"/>,
/// <see cref="XmlNodeType.Text"/> and <see cref="XmlNodeType.Whitespace"/> (text of spaces, tabs and line breaks only),
/// line breaks normalized to <c>\n</c>, entities expanded, every name in the empty namespace — and skips the declaration
/// and the whitespace outside the root, as <see cref="XmlReader.MoveToContent"/> and the drain after the root do anyway.
/// </summary>
/// <remarks>
/// It reads the bytes in place (no decoding pass over the body, no buffers sized to it) and is reset for each body
/// (<see cref="SetInput"/>). It checks what <see cref="PlainXmlReader.IsPlain(ReadOnlySpan{byte})"/> leaves to the reader:
/// that each end tag closes the element it should; a mismatch, or anything it does not expect, throws
/// <see cref="XmlException"/>, and the caller reads the body with the hardened reader. Its name table lives as long as the
/// reader and is bounded as the hardened readers' shared table is: a body whose new names would take the table past
/// <see cref="ReusedNameTable.MaxChars"/> characters throws, and the caller replaces the reader.
/// </remarks>
internal sealed class PlainSubsetXmlReader : XmlReader
{
    /// <summary>The largest decoding buffer kept from one body to the next (characters).</summary>
    private const int MaxKeptChars = 4096;

    private readonly AsciiNameTable _names = new();
    private readonly string[] _open = new string[JobsResponseReader.MaxDepth + 1];
    private char[] _chars = new char[64];
    private byte[] _body = [];
    private int _position;
    private int _openCount;
    private ReadState _state = ReadState.Closed;
    private XmlNodeType _nodeType;
    private string _localName = string.Empty;
    private string _value = string.Empty;
    private int _depth;
    private bool _isEmpty;

    /// <summary>Starts reading <paramref name="body"/> (a plain body) from its beginning; an empty array leaves the reader idle, holding no body.</summary>
    /// <param name="body">The body, or an empty array.</param>
    internal void SetInput(byte[] body)
    {
        _body = body;
        if (_chars.Length > MaxKeptChars)
        {
            _chars = new char[64]; // a body's long decoded text is not kept for the next one
        }

        _position = 0;
        _openCount = 0;
        Array.Clear(_open);
        _state = body.Length == 0 ? ReadState.Closed : ReadState.Initial;
        SetNode(XmlNodeType.None, string.Empty, string.Empty, 0, false);
    }

    /// <inheritdoc/>
    public override int AttributeCount => 0;

    /// <inheritdoc/>
    public override string BaseURI => string.Empty;

    /// <inheritdoc/>
    public override int Depth => _depth;

    /// <inheritdoc/>
    public override bool EOF => _state == ReadState.EndOfFile;

    /// <inheritdoc/>
    public override bool HasValue => _nodeType is XmlNodeType.Text or XmlNodeType.Whitespace;

    /// <inheritdoc/>
    public override bool IsEmptyElement => _isEmpty;

    /// <inheritdoc/>
    public override string LocalName => _localName;

    /// <inheritdoc/>
    public override string Name => _localName;

    /// <inheritdoc/>
    public override string NamespaceURI => string.Empty;

    /// <inheritdoc/>
    public override XmlNameTable NameTable => _names.Table;

    /// <inheritdoc/>
    public override XmlNodeType NodeType => _nodeType;

    /// <inheritdoc/>
    public override string Prefix => string.Empty;

    /// <inheritdoc/>
    public override ReadState ReadState => _state;

    /// <inheritdoc/>
    public override string Value => _value;

    /// <inheritdoc/>
    public override string GetAttribute(int i) => throw new ArgumentOutOfRangeException(nameof(i));

    /// <inheritdoc/>
    public override string? GetAttribute(string name) => null;

    /// <inheritdoc/>
    public override string? GetAttribute(string name, string? namespaceURI) => null;

    /// <inheritdoc/>
    public override string? LookupNamespace(string prefix) => prefix switch
    {
        "" => string.Empty,
        "xml" => "http://www.w3.org/XML/1998/namespace",
        "xmlns" => "http://www.w3.org/2000/xmlns/",
        _ => null,
    };

    /// <inheritdoc/>
    public override bool MoveToAttribute(string name) => false;

    /// <inheritdoc/>
    public override bool MoveToAttribute(string name, string? ns) => false;

    /// <inheritdoc/>
    public override bool MoveToElement() => false;

    /// <inheritdoc/>
    public override bool MoveToFirstAttribute() => false;

    /// <inheritdoc/>
    public override bool MoveToNextAttribute() => false;

    /// <inheritdoc/>
    public override bool ReadAttributeValue() => false;

    /// <inheritdoc/>
    public override void ResolveEntity() => throw new InvalidOperationException("The plain subset has no entity references to resolve.");

    /// <summary>Moves to the next node of the body.</summary>
    /// <exception cref="XmlException">An end tag does not close the open element, the body is not in the plain subset, or the name table is full.</exception>
    public override bool Read()
    {
        switch (_state)
        {
            case ReadState.Initial:
                _state = ReadState.Interactive;
                _position = SkipDeclaration(_body);
                break;
            case ReadState.Interactive:
                break;
            default:
                return false;
        }

        var body = _body;
        if (_openCount == 0)
        {
            // Outside the root: only whitespace (the body is plain), skipped.
            while (_position < body.Length && body[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _position++;
            }

            if (_position >= body.Length)
            {
                _state = ReadState.EndOfFile;
                SetNode(XmlNodeType.None, string.Empty, string.Empty, 0, false);
                return false;
            }

            if (_nodeType == XmlNodeType.EndElement || (_nodeType == XmlNodeType.Element && _isEmpty))
            {
                throw Unexpected(); // after the root (a plain body has no second root)
            }
        }

        if (_position >= body.Length)
        {
            throw Unexpected(); // the root is not closed
        }

        if (body[_position] != '<')
        {
            if (_openCount == 0)
            {
                throw Unexpected(); // text outside the root
            }

            ReadText(body);
            return true;
        }

        var closing = body[_position + 1] == '/';
        var start = _position + (closing ? 2 : 1);
        var end = start;
        while (IsNameChar(body[end]))
        {
            end++;
        }

        var nameBytes = body.AsSpan(start, end - start);
        if (nameBytes.IsEmpty)
        {
            throw Unexpected();
        }

        var i = end;
        while (body[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            i++;
        }

        if (closing)
        {
            // The end tag must close the open element: its bytes against that element's (ASCII) name, no look-up.
            if (body[i] != '>' || _openCount == 0 || !IsSameName(nameBytes, _open[_openCount - 1]))
            {
                throw Unexpected();
            }

            var closed = _open[--_openCount];
            _open[_openCount] = null!;
            _position = i + 1;
            SetNode(XmlNodeType.EndElement, closed, string.Empty, _openCount, false);
            return true;
        }

        var name = _names.Get(nameBytes);
        var empty = body[i] == '/';
        if (empty)
        {
            i++;
        }

        if (body[i] != '>')
        {
            throw Unexpected();
        }

        _position = i + 1;
        SetNode(XmlNodeType.Element, name, string.Empty, _openCount, empty);
        if (!empty)
        {
            if (_openCount >= _open.Length)
            {
                throw JobsResponseReader.TooDeep();
            }

            _open[_openCount++] = name;
        }

        return true;
    }

    /// <summary>
    /// The content of the element the reader is on, with the reader moved past its end: what
    /// <see cref="XmlReader.ReadElementContentAsString()"/> returns for the nodes this reader reports (one text node at
    /// most between two tags), without its general loop. <c>""</c> for an empty element; an element holding an element
    /// throws <see cref="XmlException"/>, as the base method does; on any other node the base method reports its own error.
    /// </summary>
    /// <exception cref="XmlException">The element holds an element, or the body is not in the plain subset.</exception>
    public override string ReadElementContentAsString()
    {
        if (_nodeType != XmlNodeType.Element)
        {
            return base.ReadElementContentAsString();
        }

        if (_isEmpty)
        {
            Read();
            return string.Empty;
        }

        Read();
        var value = string.Empty;
        if (_nodeType is XmlNodeType.Text or XmlNodeType.Whitespace)
        {
            value = _value;
            Read();
        }

        if (_nodeType != XmlNodeType.EndElement)
        {
            throw new XmlException("ReadElementContentAs() methods cannot be called on an element that has child elements.");
        }

        Read();
        return value;
    }

    /// <summary>Reads the text up to the next tag as one node: entities expanded, CR LF and lone CR as LF.</summary>
    private void ReadText(byte[] body)
    {
        var run = body.AsSpan(_position);
        var length = run.IndexOf((byte)'<');
        if (length < 0)
        {
            throw Unexpected(); // text that never reaches a tag: the root is not closed
        }

        run = run[..length];
        _position += length;
        string text;
        if (run.IndexOfAny((byte)'&', (byte)'\r') < 0)
        {
            text = Encoding.UTF8.GetString(run);
        }
        else
        {
            text = Decode(run);
        }

        var whitespace = run.IndexOfAnyExcept(" \t\n\r"u8) < 0;
        SetNode(whitespace ? XmlNodeType.Whitespace : XmlNodeType.Text, string.Empty, text, _openCount, false);
    }

    private string Decode(ReadOnlySpan<byte> run)
    {
        var chars = Encoding.UTF8.GetMaxCharCount(run.Length) <= _chars.Length ? _chars : _chars = new char[Encoding.UTF8.GetMaxCharCount(run.Length)];
        var written = 0;
        while (run.Length > 0)
        {
            var special = run.IndexOfAny((byte)'&', (byte)'\r');
            var plain = special < 0 ? run : run[..special];
            written += Encoding.UTF8.GetChars(plain, chars.AsSpan(written));
            if (special < 0)
            {
                break;
            }

            run = run[special..];
            if (run[0] == '\r')
            {
                chars[written++] = '\n';
                run = run.Length > 1 && run[1] == '\n' ? run[2..] : run[1..];
                continue;
            }

            var (c, skip) = Entity(run);
            chars[written++] = c;
            run = run[skip..];
        }

        return new string(chars, 0, written);
    }

    /// <summary>The character of the predefined entity <paramref name="run"/> starts with, and the entity's length.</summary>
    private static (char Char, int Length) Entity(ReadOnlySpan<byte> run)
    {
        if (run.StartsWith("&amp;"u8))
        {
            return ('&', 5);
        }

        if (run.StartsWith("&lt;"u8))
        {
            return ('<', 4);
        }

        if (run.StartsWith("&gt;"u8))
        {
            return ('>', 4);
        }

        if (run.StartsWith("&quot;"u8))
        {
            return ('"', 6);
        }

        return run.StartsWith("&apos;"u8) ? ('\'', 6) : throw Unexpected();
    }

    private static bool IsSameName(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length != name.Length)
        {
            return false;
        }

        for (var k = 0; k < bytes.Length; k++)
        {
            if (bytes[k] != name[k])
            {
                return false;
            }
        }

        return true;
    }

    private void SetNode(XmlNodeType type, string localName, string value, int depth, bool isEmpty)
    {
        _nodeType = type;
        _localName = localName;
        _value = value;
        _depth = depth;
        _isEmpty = isEmpty;
    }

    /// <summary>The index after the declaration a plain body may start with (already checked), 0 when there is none.</summary>
    private static int SkipDeclaration(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith("<?"u8))
        {
            return 0;
        }

        var end = body.IndexOf("?>"u8);
        return end < 0 ? throw Unexpected() : end + 2;
    }

    private static bool IsNameChar(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'.' or (byte)'-';

    private static XmlException Unexpected() => new("The body is not in the plain subset this reader reads.");
}
