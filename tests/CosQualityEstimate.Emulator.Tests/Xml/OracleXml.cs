using System.Collections.Concurrent;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using CosQualityEstimate.Emulator.Xml;

namespace CosQualityEstimate.Emulator.Tests.Xml;

/// <summary>
/// <see cref="XmlSerializer"/> over the public mirror of the service's wire DTOs (<c>CosQualityEstimate.Tests.Oracle.Wire</c>:
/// the client library's DTO sources compiled into this project with <c>WIRE_ORACLE</c>): the oracle the emulator's
/// hand-written XML is checked against, through public types only (the library grants this project no internals).
/// Same hardened reader settings as the emulator; XmlSerializer is test-only (not AOT-safe).
/// </summary>
internal static class OracleXml
{
    private static readonly ConcurrentDictionary<Type, XmlSerializer> Serializers = new();

    private static readonly XmlSerializerNamespaces NoNamespaces = CreateNoNamespaces();

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = EmulatorXml.MaxBodyBytes,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
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
            Serializer(typeof(T)).Serialize(writer, value, NoNamespaces);
        }

        return stream.ToArray();
    }

    /// <summary>Deserializes through the hardened reader; throws <see cref="InvalidOperationException"/> or <see cref="XmlException"/> on malformed input.</summary>
    internal static T Deserialize<T>(ReadOnlySpan<byte> body)
        where T : class
    {
        if (body.Length > EmulatorXml.MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {EmulatorXml.MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return (T)(Serializer(typeof(T)).Deserialize(reader) ?? throw new XmlException("The XML body is empty."));
    }

    private static XmlSerializer Serializer(Type type) => Serializers.GetOrAdd(type, static t => new XmlSerializer(t));

    private static XmlSerializerNamespaces CreateNoNamespaces()
    {
        var namespaces = new XmlSerializerNamespaces();
        namespaces.Add(string.Empty, string.Empty);
        return namespaces;
    }
}
