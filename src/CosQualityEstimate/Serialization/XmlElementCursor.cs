using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// The element-by-element moves every part of the hand-written <see cref="JobsResponseReader"/> is built on: step into
/// an element, move to its next child in the empty namespace, skip a subtree; each enforces
/// <see cref="JobsResponseReader.MaxDepth"/>.
/// </summary>
internal static class XmlElementCursor
{
    /// <summary>
    /// Steps into the element the reader is on. Returns <c>false</c> (with the reader past it) when it is empty
    /// (<c>&lt;X/&gt;</c>), so the caller returns its DTO with every member unset.
    /// </summary>
    internal static bool Enter(XmlReader reader)
    {
        if (reader.Depth >= JobsResponseReader.MaxDepth)
        {
            throw JobsResponseReader.TooDeep();
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
            return false;
        }

        reader.Read();
        return true;
    }

    /// <summary>
    /// Moves to the next child element in the empty namespace (the only ones the serializer binds), skipping text,
    /// whitespace and elements in other namespaces. At the parent's end tag, consumes it and returns <c>false</c>.
    /// </summary>
    internal static bool Next(XmlReader reader)
    {
        while (true)
        {
            switch (reader.MoveToContent())
            {
                case XmlNodeType.Element:
                    if (reader.NamespaceURI.Length == 0)
                    {
                        return true;
                    }

                    Skip(reader);
                    break;
                case XmlNodeType.EndElement:
                    reader.Read();
                    return false;
                case XmlNodeType.None:
                    // Only reachable at the end of input, which the reader reports as an XmlException first; kept as a guard.
                    throw new XmlException("Unexpected end of the XML body.");
                default:
                    // Text or CDATA in element-only content: ignored, as the serializer does.
                    reader.Read();
                    break;
            }
        }
    }

    /// <summary>Skips the element the reader is on and its subtree, enforcing <see cref="JobsResponseReader.MaxDepth"/> on the way.</summary>
    internal static void Skip(XmlReader reader)
    {
        var depth = reader.Depth;
        if (depth >= JobsResponseReader.MaxDepth)
        {
            throw JobsResponseReader.TooDeep();
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= JobsResponseReader.MaxDepth)
            {
                throw JobsResponseReader.TooDeep();
            }
        }

        // On the element's end tag.
        reader.Read();
    }
}
