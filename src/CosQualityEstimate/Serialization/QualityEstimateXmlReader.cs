using System.Xml;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a job's <c>&lt;QualityEstimate&gt;</c> result (score, result source, the vqaPlus findings and their items) into
/// the wire DTOs, by the rules <see cref="JobsResponseReader"/> documents.
/// </summary>
internal static class QualityEstimateXmlReader
{
    internal static QualityEstimateXml ReadQualityEstimate(XmlReader reader)
    {
        var result = new QualityEstimateXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool score = false, vqaPlus = false, source = false;
        while (XmlElementCursor.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Score" when !score:
                    result.Score = reader.ReadElementContentAsString();
                    score = true;
                    break;
                case "ResultSource" when !source:
                    result.ResultSource = reader.ReadElementContentAsString();
                    source = true;
                    break;
                case "VqaPlusResult" when !vqaPlus:
                    result.VqaPlusResult = ReadVqaPlus(reader);
                    vqaPlus = true;
                    break;
                default:
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static VqaPlusResultXml ReadVqaPlus(XmlReader reader)
    {
        var result = new VqaPlusResultXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool noAudio = false, noVideo = false;
        while (XmlElementCursor.Next(reader))
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
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static DetailedResultXml ReadDetailedResult(XmlReader reader)
    {
        var result = new DetailedResultXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        var type = false;
        while (XmlElementCursor.Next(reader))
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
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static DetailedResultItemXml ReadItem(XmlReader reader)
    {
        var result = new DetailedResultItemXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool confidence = false, start = false, end = false;
        while (XmlElementCursor.Next(reader))
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
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }
}
