using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// The emulator's own element readers for the jobs API's XML (<c>Input</c>, <c>Operation</c> and everything below it),
/// trimming- and Native-AOT-safe, with the binding rules of <c>XmlSerializer</c> over the wire DTOs in
/// <see cref="Wire"/>: elements match by local name in the empty namespace, in any order; the first occurrence of a
/// single-valued element wins; repeated elements (<c>DetailedResult</c>, <c>Items</c>, <c>AreaCoordSet</c>) are
/// collected in order; unknown elements, stray text, comments and processing instructions are skipped; string content
/// is taken as is; <c>MediaInfo</c> is kept as the raw element. Stricter than the serializer, nesting deeper than
/// <see cref="MaxDepth"/> is an <see cref="XmlException"/>. The emulator ships as its own package and reads with its own
/// code, never through the client library's internals.
/// </summary>
internal static class WireXmlReader
{
    /// <summary>Deepest element nesting accepted (the root is depth 0 here, as <see cref="XmlReader.Depth"/> counts).</summary>
    internal const int MaxDepth = 64;

    internal static JobInputXml ReadInput(XmlReader reader)
    {
        var result = new JobInputXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool obj = false, bucketId = false, bucket = false, region = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Object" when !obj:
                    result.Object = reader.ReadElementContentAsString();
                    obj = true;
                    break;
                case "BucketId" when !bucketId:
                    result.BucketId = reader.ReadElementContentAsString();
                    bucketId = true;
                    break;
                case "Bucket" when !bucket:
                    result.Bucket = reader.ReadElementContentAsString();
                    bucket = true;
                    break;
                case "Region" when !region:
                    result.Region = reader.ReadElementContentAsString();
                    region = true;
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    internal static JobOperationXml ReadOperation(XmlReader reader)
    {
        var result = new JobOperationXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool config = false, userData = false, jobLevel = false, mediaInfo = false, estimate = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "QualityEstimateConfig" when !config:
                    result.QualityEstimateConfig = ReadConfig(reader);
                    config = true;
                    break;
                case "UserData" when !userData:
                    result.UserData = reader.ReadElementContentAsString();
                    userData = true;
                    break;
                case "JobLevel" when !jobLevel:
                    result.JobLevel = reader.ReadElementContentAsString();
                    jobLevel = true;
                    break;
                case "MediaInfo" when !mediaInfo:
                    result.MediaInfo = ReadElementTree(reader);
                    mediaInfo = true;
                    break;
                case "QualityEstimate" when !estimate:
                    result.QualityEstimate = ReadQualityEstimate(reader);
                    estimate = true;
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static QualityEstimateConfigXml ReadConfig(XmlReader reader)
    {
        var result = new QualityEstimateConfigXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool rotate = false, mode = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Rotate" when !rotate:
                    result.Rotate = reader.ReadElementContentAsString();
                    rotate = true;
                    break;
                case "Mode" when !mode:
                    result.Mode = reader.ReadElementContentAsString();
                    mode = true;
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    internal static QualityEstimateXml ReadQualityEstimate(XmlReader reader)
    {
        var result = new QualityEstimateXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool score = false, vqaPlus = false, source = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Score" when !score:
                    result.Score = reader.ReadElementContentAsString();
                    score = true;
                    break;
                case "VqaPlusResult" when !vqaPlus:
                    result.VqaPlusResult = ReadVqaPlus(reader);
                    vqaPlus = true;
                    break;
                case "ResultSource" when !source:
                    result.ResultSource = reader.ReadElementContentAsString();
                    source = true;
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static VqaPlusResultXml ReadVqaPlus(XmlReader reader)
    {
        var result = new VqaPlusResultXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool noAudio = false, noVideo = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "NoAudio" when !noAudio:
                    result.NoAudio = reader.ReadElementContentAsString();
                    noAudio = true;
                    break;
                case "NoVideo" when !noVideo:
                    result.NoVideo = reader.ReadElementContentAsString();
                    noVideo = true;
                    break;
                case "DetailedResult":
                    result.DetailedResult.Add(ReadDetailedResult(reader));
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static DetailedResultXml ReadDetailedResult(XmlReader reader)
    {
        var result = new DetailedResultXml();
        if (!Enter(reader))
        {
            return result;
        }

        var type = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Type" when !type:
                    result.Type = reader.ReadElementContentAsString();
                    type = true;
                    break;
                case "Items":
                    result.Items.Add(ReadItem(reader));
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static DetailedResultItemXml ReadItem(XmlReader reader)
    {
        var result = new DetailedResultItemXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool confidence = false, start = false, end = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Confidence" when !confidence:
                    result.Confidence = reader.ReadElementContentAsString();
                    confidence = true;
                    break;
                case "StartTimeOffset" when !start:
                    result.StartTimeOffset = reader.ReadElementContentAsString();
                    start = true;
                    break;
                case "EndTimeOffset" when !end:
                    result.EndTimeOffset = reader.ReadElementContentAsString();
                    end = true;
                    break;
                case "AreaCoordSet":
                    result.AreaCoordSet.Add(reader.ReadElementContentAsString());
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    /// <summary>
    /// Steps into the element the reader is on. Returns <c>false</c> (with the reader past it) when it is empty
    /// (<c>&lt;X/&gt;</c>), so the caller returns its DTO with every member unset.
    /// </summary>
    internal static bool Enter(XmlReader reader)
    {
        if (reader.Depth >= MaxDepth)
        {
            throw TooDeep();
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

    /// <summary>Skips the element the reader is on and its subtree, enforcing <see cref="MaxDepth"/> on the way.</summary>
    internal static void Skip(XmlReader reader)
    {
        var depth = reader.Depth;
        if (depth >= MaxDepth)
        {
            throw TooDeep();
        }

        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                throw TooDeep();
            }
        }

        // On the element's end tag.
        reader.Read();
    }

    /// <summary>Reads the element the reader is on as an <see cref="XElement"/> (as the serializer's <c>XmlAnyElement</c> binding does).</summary>
    private static XElement ReadElementTree(XmlReader reader)
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

            if (depth >= MaxDepth && node is XElement)
            {
                throw TooDeep();
            }
        }

        return element;
    }

    private static XmlException TooDeep() => new($"The XML body nests elements deeper than {MaxDepth} levels.");
}
