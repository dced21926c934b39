using System.Xml;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Reads a <c>/inventorytriggerjob</c> <c>&lt;Response&gt;</c> into the wire DTOs (<see cref="BatchJobsResponseXml"/> and
/// below) by the rules and with the moves of the jobs reader (<see cref="JobsResponseReader"/>, <see cref="XmlElementCursor"/>):
/// hardened settings, bounded depth, elements in the empty namespace in any order, the first occurrence of a
/// single-valued element wins, unknown elements skipped, a string element with child elements is an error.
/// </summary>
internal static class BatchJobsResponseReader
{
    internal static BatchJobsResponseXml Read(byte[] body) => XmlRootReader.Read(body, "Response", ReadResponse);

    private static BatchJobsResponseXml ReadResponse(XmlReader reader)
    {
        var result = new BatchJobsResponseXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        string? nextToken = null;
        while (XmlElementCursor.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "JobsDetail":
                    result.JobsDetail.Add(ReadDetail(reader));
                    break;
                case "NonExistJobIds":
                    result.NonExistJobIds.Add(reader.ReadElementContentAsString());
                    break;
                case "NonExistJobId":
                    result.NonExistJobId.Add(reader.ReadElementContentAsString());
                    break;
                case "NextToken":
                    First(reader, ref nextToken);
                    break;
                default:
                    XmlElementCursor.Skip(reader);
                    break;
            }
        }

        result.NextToken = nextToken;
        return result;
    }

    private static BatchJobDetailXml ReadDetail(XmlReader reader)
    {
        var d = new BatchJobDetailXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return d;
        }

        string? code = null, message = null, jobId = null, name = null, type = null, state = null, tag = null, progress = null;
        string? queueId = null, creationTime = null, createTime = null, startTime = null, endTime = null;
        while (XmlElementCursor.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Code": First(reader, ref code); break;
                case "Message": First(reader, ref message); break;
                case "JobId": First(reader, ref jobId); break;
                case "Name": First(reader, ref name); break;
                case "Type": First(reader, ref type); break;
                case "State": First(reader, ref state); break;
                case "Tag": First(reader, ref tag); break;
                case "Progress": First(reader, ref progress); break;
                case "QueueId": First(reader, ref queueId); break;
                case "CreationTime": First(reader, ref creationTime); break;
                case "CreateTime": First(reader, ref createTime); break;
                case "StartTime": First(reader, ref startTime); break;
                case "EndTime": First(reader, ref endTime); break;
                case "Input" when d.Input is null: d.Input = ReadInput(reader); break;
                case "Operation" when d.Operation is null: d.Operation = ReadOperation(reader); break;
                default: XmlElementCursor.Skip(reader); break;
            }
        }

        d.Code = code;
        d.Message = message;
        d.JobId = jobId;
        d.Name = name;
        d.Type = type;
        d.State = state;
        d.Tag = tag;
        d.Progress = progress;
        d.QueueId = queueId;
        d.CreationTime = creationTime;
        d.CreateTime = createTime;
        d.StartTime = startTime;
        d.EndTime = endTime;
        return d;
    }

    private static BatchInputXml ReadInput(XmlReader reader)
    {
        string? prefix = null, manifest = null, urlFile = null, obj = null;
        if (XmlElementCursor.Enter(reader))
        {
            while (XmlElementCursor.Next(reader))
            {
                switch (reader.LocalName)
                {
                    case "Prefix": First(reader, ref prefix); break;
                    case "Manifest": First(reader, ref manifest); break;
                    case "UrlFile": First(reader, ref urlFile); break;
                    case "Object": First(reader, ref obj); break;
                    default: XmlElementCursor.Skip(reader); break;
                }
            }
        }

        return new BatchInputXml { Prefix = prefix, Manifest = manifest, UrlFile = urlFile, Object = obj };
    }

    private static BatchOperationXml ReadOperation(XmlReader reader)
    {
        string? tag = null, queueId = null, userData = null;
        if (XmlElementCursor.Enter(reader))
        {
            while (XmlElementCursor.Next(reader))
            {
                switch (reader.LocalName)
                {
                    case "Tag": First(reader, ref tag); break;
                    case "QueueId": First(reader, ref queueId); break;
                    case "UserData": First(reader, ref userData); break;
                    default: XmlElementCursor.Skip(reader); break;
                }
            }
        }

        return new BatchOperationXml { Tag = tag, QueueId = queueId, UserData = userData };
    }

    /// <summary>Reads a string element into <paramref name="field"/> unless an earlier occurrence already did (then skips it).</summary>
    private static void First(XmlReader reader, ref string? field)
    {
        if (field is null)
        {
            field = reader.ReadElementContentAsString();
        }
        else
        {
            XmlElementCursor.Skip(reader);
        }
    }
}
