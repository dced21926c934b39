using System.Xml;
using System.Xml.Linq;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// How the emulator loads an XML body: into an <see cref="XDocument"/>, through a hardened <see cref="XmlReader"/> (no DTD,
/// no resolver, no entity expansion, at most <see cref="MaxBodyBytes"/>), then with element nesting checked against
/// <see cref="MaxDepth"/> before anything walks the tree. XML is hostile input. The emulator reads the loaded tree with
/// LINQ to XML (<see cref="RequestXmlReader"/>): deliberately not the client library's streaming readers, so each side
/// is an independent check of the other.
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

    /// <summary>Loads a complete document from <paramref name="body"/>.</summary>
    /// <exception cref="XmlException">The body is over <see cref="MaxBodyBytes"/>, not well-formed (trailing content
    /// included), has a DTD, or nests elements deeper than <see cref="MaxDepth"/>.</exception>
    internal static XDocument Load(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = CreateReader(stream);
        var document = XDocument.Load(reader);
        if (document.Root is { } root)
        {
            CheckDepth(root);
        }

        return document;
    }

    /// <summary>Walks the tree without recursion (XDocument.Load builds it without recursion too) and rejects an element at <see cref="MaxDepth"/> or deeper.</summary>
    private static void CheckDepth(XElement root)
    {
        var pending = new Stack<(XElement Element, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (element, depth) = pending.Pop();
            if (depth >= MaxDepth)
            {
                throw new XmlException($"The XML body nests elements deeper than {MaxDepth} levels.");
            }

            foreach (var child in element.Elements())
            {
                pending.Push((child, depth + 1));
            }
        }
    }
}
