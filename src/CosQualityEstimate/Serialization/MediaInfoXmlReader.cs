using System.Xml;
using System.Xml.Linq;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a job's <c>&lt;MediaInfo&gt;</c> element as an <see cref="XElement"/> tree (mapped to the model later by
/// <see cref="MediaInfoConverter"/>), refusing nesting deeper than <see cref="JobsResponseReader.MaxDepth"/> while reading.
/// </summary>
internal static class MediaInfoXmlReader
{
    /// <summary>
    /// Reads the element the reader is on as an <see cref="XElement"/> (as the serializer's <c>XmlAnyElement</c> binding
    /// does). <c>XNode.ReadFrom</c> advances only through the <see cref="DepthLimitedXmlReader"/> around the reader, so
    /// an element too deep is refused on reaching it, before the tree holds it.
    /// </summary>
    internal static XElement ReadElementTree(XmlReader reader)
    {
        if (reader.Depth >= JobsResponseReader.MaxDepth)
        {
            throw JobsResponseReader.TooDeep();
        }

        return (XElement)XNode.ReadFrom(new DepthLimitedXmlReader(reader));
    }
}
