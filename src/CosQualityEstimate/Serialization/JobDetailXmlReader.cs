using System.Xml;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a <c>&lt;JobsDetail&gt;</c> element and its <c>Input</c>, <c>Operation</c> and <c>QualityEstimateConfig</c>
/// children into the wire DTOs, by the rules <see cref="JobsResponseReader"/> documents. The result itself
/// (<c>QualityEstimate</c>) is read by <see cref="QualityEstimateXmlReader"/>, <c>MediaInfo</c> by <see cref="MediaInfoXmlReader"/>.
/// </summary>
internal static class JobDetailXmlReader
{
    internal static JobDetailXml ReadJobDetail(XmlReader reader)
    {
        var result = new JobDetailXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool code = false, message = false, jobId = false, state = false, creation = false, start = false, end = false, queue = false, tag = false, input = false, operation = false;
        while (XmlElementCursor.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Code" when !code:
                    result.Code = reader.ReadElementContentAsString();
                    code = true;
                    break;
                case "Message" when !message:
                    result.Message = reader.ReadElementContentAsString();
                    message = true;
                    break;
                case "JobId" when !jobId:
                    result.JobId = reader.ReadElementContentAsString();
                    jobId = true;
                    break;
                case "State" when !state:
                    result.State = reader.ReadElementContentAsString();
                    state = true;
                    break;
                case "CreationTime" when !creation:
                    result.CreationTime = reader.ReadElementContentAsString();
                    creation = true;
                    break;
                case "StartTime" when !start:
                    result.StartTime = reader.ReadElementContentAsString();
                    start = true;
                    break;
                case "EndTime" when !end:
                    result.EndTime = reader.ReadElementContentAsString();
                    end = true;
                    break;
                case "QueueId" when !queue:
                    result.QueueId = reader.ReadElementContentAsString();
                    queue = true;
                    break;
                case "Tag" when !tag:
                    result.Tag = reader.ReadElementContentAsString();
                    tag = true;
                    break;
                case "Input" when !input:
                    result.Input = ReadInput(reader);
                    input = true;
                    break;
                case "Operation" when !operation:
                    result.Operation = ReadOperation(reader);
                    operation = true;
                    break;
                default:
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }

    internal static JobInputXml ReadInput(XmlReader reader)
    {
        var result = new JobInputXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool obj = false, bucketId = false, bucket = false, region = false;
        while (XmlElementCursor.Next(reader))
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
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }

    internal static JobOperationXml ReadOperation(XmlReader reader)
    {
        var result = new JobOperationXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool config = false, userData = false, jobLevel = false, mediaInfo = false, estimate = false;
        while (XmlElementCursor.Next(reader))
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
                    result.MediaInfo = MediaInfoXmlReader.ReadElementTree(reader);
                    mediaInfo = true;
                    break;
                case "QualityEstimate" when !estimate:
                    result.QualityEstimate = QualityEstimateXmlReader.ReadQualityEstimate(reader);
                    estimate = true;
                    break;
                default:
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static QualityEstimateConfigXml ReadConfig(XmlReader reader)
    {
        var result = new QualityEstimateConfigXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool rotate = false, mode = false;
        while (XmlElementCursor.Next(reader))
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
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        return result;
    }
}
