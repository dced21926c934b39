using System.Xml;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a <c>/inventorytriggerjob</c> <c>&lt;Response&gt;</c> with the hardened <see cref="CosXml"/> settings and the moves
/// of <see cref="XmlElementCursor"/> (bounded depth, elements in the empty namespace, unknown ones skipped). Both SDK
/// spellings of the not-found list are read (<c>NonExistJobIds</c>, <c>NonExistJobId</c>).
/// </summary>
internal static class BatchJobsResponseReader
{
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "Input", "Operation", "TimeInterval" };

    internal static BatchJobsResponseXml Read(byte[] body) => XmlRootReader.Read(body, "Response", ReadResponse);

    private static BatchJobsResponseXml ReadResponse(XmlReader reader)
    {
        var result = new BatchJobsResponseXml();
        if (XmlElementCursor.Enter(reader))
        {
            var nextToken = false;
            while (XmlElementCursor.Next(reader))
            {
                switch (reader.LocalName)
                {
                    case "JobsDetail":
                        var detail = new Dictionary<string, string>(StringComparer.Ordinal);
                        ReadFields(reader, detail, string.Empty);
                        result.JobsDetail.Add(detail);
                        break;
                    case "NonExistJobIds" or "NonExistJobId":
                        result.NonExistJobIds.AddRange(reader.ReadElementContentAsString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                        break;
                    case "NextToken" when !nextToken:
                        result.NextToken = reader.ReadElementContentAsString();
                        nextToken = true;
                        break;
                    default:
                        XmlElementCursor.Skip(reader);
                        break;
                }
            }
        }

        return result;
    }

    /// <summary>Reads the children of the element the reader is on into <paramref name="into"/> (first occurrence wins).</summary>
    private static void ReadFields(XmlReader reader, Dictionary<string, string> into, string path)
    {
        if (!XmlElementCursor.Enter(reader))
        {
            return;
        }

        while (XmlElementCursor.Next(reader))
        {
            var name = path + reader.LocalName;
            if (Containers.Contains(reader.LocalName))
            {
                ReadFields(reader, into, name + "/");
            }
            else if (into.ContainsKey(name))
            {
                XmlElementCursor.Skip(reader);
            }
            else
            {
                into[name] = ReadText(reader);
            }
        }
    }

    /// <summary>The element's text; an element with children (a field this reader does not know as a container) is skipped as empty.</summary>
    private static string ReadText(XmlReader reader)
    {
        try
        {
            return reader.ReadElementContentAsString();
        }
        catch (XmlException) when (reader.NodeType == XmlNodeType.Element)
        {
            XmlElementCursor.Skip(reader);
            return string.Empty;
        }
    }
}
