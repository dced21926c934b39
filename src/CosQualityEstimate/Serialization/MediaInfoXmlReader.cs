using System.Xml;
using System.Xml.Linq;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a job's <c>&lt;MediaInfo&gt;</c> element as an <see cref="XElement"/> tree (mapped to the model later by
/// <see cref="MediaInfoConverter"/>), rejecting nesting deeper than <see cref="JobsResponseReader.MaxDepth"/>.
/// </summary>
internal static class MediaInfoXmlReader
{
    /// <summary>Reads the element the reader is on as an <see cref="XElement"/> (as the serializer's <c>XmlAnyElement</c> binding does).</summary>
    internal static XElement ReadElementTree(XmlReader reader)
    {
        var baseDepth = reader.Depth;
        var element = (XElement)XNode.ReadFrom(reader);

        // XNode.ReadFrom builds the tree iteratively; check its depth iteratively too (no allocation) before anything
        // walks it recursively.
        XNode node = element;
        var depth = baseDepth;
        while (true)
        {
            if (node is XElement { FirstNode: { } first })
            {
                node = first;
                depth++;
            }
            else
            {
                while (node != element && node.NextNode is null)
                {
                    node = node.Parent!;
                    depth--;
                }

                if (node == element)
                {
                    break;
                }

                node = node.NextNode!;
            }

            if (depth >= JobsResponseReader.MaxDepth && node is XElement)
            {
                throw JobsResponseReader.TooDeep();
            }
        }

        return element;
    }
}
