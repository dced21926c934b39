using System.Xml;
using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// How the emulator loads an XML body: into an <see cref="XDocument"/>, through a hardened <see cref="XmlReader"/> (no DTD,
/// no resolver, no entity expansion, at most <see cref="MaxBodyBytes"/>) wrapped in a <see cref="DepthLimitedXmlReader"/>,
/// which refuses element nesting of <see cref="MaxDepth"/> levels or more while reading, before the tree holds it: the
/// cost of any refused body is linear in the bytes read and bounded by the body limit. XML is hostile input. The emulator
/// reads the loaded tree with LINQ to XML (<see cref="RequestXmlReader"/>): deliberately not the client library's
/// streaming readers, so each side is an independent check of the other.
/// </summary>
internal static class EmulatorXml
{
    /// <summary>Largest XML body, in bytes, the emulator reads (4 MiB, as the client library's limit).</summary>
    internal const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Deepest element nesting accepted; the root element is at depth 0.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Creates a hardened reader over <paramref name="stream"/>.</summary>
    internal static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        CloseInput = false,
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxBodyBytes,
        XmlResolver = null,
    });

    /// <summary>Loads a complete document from <paramref name="body"/>, counting the reader's steps on <paramref name="meter"/>.</summary>
    /// <exception cref="XmlException">The body is over <see cref="MaxBodyBytes"/>, not well-formed (trailing content
    /// included), has a DTD, or nests elements deeper than <see cref="MaxDepth"/> (refused on reaching that depth).</exception>
    internal static XDocument Load(ReadOnlySpan<byte> body, XmlReadMeter? meter = null)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var inner = CreateReader(stream);
        return XDocument.Load(new DepthLimitedXmlReader(inner, meter));
    }
}
