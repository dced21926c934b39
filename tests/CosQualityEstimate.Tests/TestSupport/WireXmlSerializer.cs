using System.Text;
using System.Xml;
using System.Xml.Serialization;

using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// <see cref="XmlSerializer"/> over the library's wire DTOs: the test oracle the hand-written XML code is checked
/// against — the library's request writer and response reader, and the emulator's response writer and request reader.
/// One cached serializer per type (built with the <c>(Type)</c> constructor only, which the runtime caches), the
/// library's hardened reader settings. Test and benchmark code only (linked into those projects; the namespace is kept
/// from when it lived in the emulator): XmlSerializer is not trimming- or Native-AOT-safe, so neither the library nor
/// the emulator compiles it.
/// </summary>
internal static class WireXmlSerializer
{
    private const int MaxBodyBytes = CosXml.MaxBodyBytes;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly XmlSerializerNamespaces NoNamespaces = CreateNoNamespaces();

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBodyBytes,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = Utf8NoBom,
        Indent = false,
        CloseOutput = false,
    };

    /// <summary>Serializes <paramref name="value"/> as UTF-8 without BOM, XML declaration or xsi/xsd namespaces.</summary>
    internal static byte[] Serialize<T>(T value)
        where T : class
    {
        using var stream = new MemoryStream(512);
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            SerializerCache<T>.Instance.Serialize(writer, value, NoNamespaces);
        }

        return stream.ToArray();
    }

    /// <summary>Deserializes <typeparamref name="T"/> through the hardened reader. Throws <see cref="InvalidOperationException"/> or <see cref="XmlException"/> on malformed input.</summary>
    internal static T Deserialize<T>(ReadOnlySpan<byte> body)
        where T : class
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        return Deserialize<T>(stream);
    }

    /// <summary>Deserializes <typeparamref name="T"/> from a string through the hardened reader.</summary>
    internal static T Deserialize<T>(string body)
        where T : class
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} characters, over the {MaxBodyBytes}-character limit.");
        }

        using var text = new StringReader(body);
        using var reader = XmlReader.Create(text, ReaderSettings);
        return (T)(SerializerCache<T>.Instance.Deserialize(reader)
            ?? throw new XmlException("The XML body is empty."));
    }

    /// <summary>
    /// Deserializes <typeparamref name="T"/> from a complete document: like <see cref="Deserialize{T}(string)"/>, then reads
    /// the rest of the input so trailing content (a second root, a stray tag) is rejected instead of silently ignored.
    /// </summary>
    /// <param name="body">The document.</param>
    /// <param name="maxDepth">When positive, the deepest element nesting accepted (the root is depth 1). Checked in a
    /// cheap first pass: binding a deeply nested element to an <see cref="System.Xml.Linq.XElement"/> member costs
    /// tens of microseconds per level, so an unbounded depth lets a small hostile body burn seconds of CPU.</param>
    internal static T DeserializeDocument<T>(string body, int maxDepth = 0)
        where T : class
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} characters, over the {MaxBodyBytes}-character limit.");
        }

        if (maxDepth > 0)
        {
            CheckDepth(body, maxDepth);
        }

        using var text = new StringReader(body);
        using var reader = XmlReader.Create(text, ReaderSettings);
        var value = (T)(SerializerCache<T>.Instance.Deserialize(reader)
            ?? throw new XmlException("The XML body is empty."));
        while (reader.Read())
        {
            // Drain: the reader throws XmlException on anything after the root that is not whitespace.
        }

        return value;
    }

    private static void CheckDepth(string body, int maxDepth)
    {
        using var text = new StringReader(body);
        using var reader = XmlReader.Create(text, ReaderSettings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= maxDepth)
            {
                throw new XmlException($"The XML body nests elements deeper than {maxDepth} levels.");
            }
        }
    }

    private static T Deserialize<T>(Stream stream)
        where T : class
    {
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return (T)(SerializerCache<T>.Instance.Deserialize(reader)
            ?? throw new XmlException("The XML body is empty."));
    }

    private static XmlSerializerNamespaces CreateNoNamespaces()
    {
        var namespaces = new XmlSerializerNamespaces();
        namespaces.Add(string.Empty, string.Empty);
        return namespaces;
    }

    private static class SerializerCache<T>
    {
        internal static readonly XmlSerializer Instance = new(typeof(T));
    }
}
