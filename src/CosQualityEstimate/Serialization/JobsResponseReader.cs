using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Hand-written reader for a <c>&lt;Response&gt;</c> body into the wire DTOs (<see cref="JobsResponseXml"/> and below), with
/// the same results as <see cref="System.Xml.Serialization.XmlSerializer"/> (checked by differential tests) at a fraction
/// of its cost. It uses the hardened <see cref="CosXml"/> reader settings (no DTD, no resolver, size cap) and mirrors the
/// serializer's rules: elements match by local name in the empty namespace, in any order; the first occurrence of a
/// single-valued element wins and later ones are skipped; repeated list elements accumulate; unknown elements, stray
/// text, comments and processing instructions are skipped; string content is taken as is (whitespace kept, CDATA and
/// entities expanded, <c>&lt;Message/&gt;</c> is <c>""</c>), and a string element with child elements is an error.
/// Unlike the serializer, it also rejects content after the root element and nesting deeper than <see cref="MaxDepth"/>.
/// </summary>
internal static class JobsResponseReader
{
    /// <summary>The deepest element nesting accepted (the root is depth 1), as for XML callbacks.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Reads a complete <c>&lt;Response&gt;</c> document. Throws <see cref="XmlException"/> on malformed input, a wrong root or excessive nesting.</summary>
    internal static JobsResponseXml Read(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > CosXml.MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {CosXml.MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body, writable: false);
        using var reader = CosXml.CreateReader(stream);
        return ReadDocument(reader);
    }

    /// <summary>Reads a complete <c>&lt;Response&gt;</c> document from text.</summary>
    internal static JobsResponseXml Read(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > CosXml.MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} characters, over the {CosXml.MaxBodyBytes}-character limit.");
        }

        using var text = new StringReader(body);
        using var reader = CosXml.CreateReader(text);
        return ReadDocument(reader);
    }

    /// <summary>
    /// A cheap first pass that rejects nesting deeper than <see cref="MaxDepth"/> before anything builds a tree: a
    /// <c>MediaInfo</c> is kept as an <see cref="XElement"/>, and building a deeply nested one costs far more than
    /// reading it, so a small hostile callback body could otherwise burn seconds of CPU.
    /// </summary>
    internal static void CheckDepth(string body)
    {
        using var text = new StringReader(body);
        using var reader = CosXml.CreateReader(text);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= MaxDepth)
            {
                throw TooDeep();
            }
        }
    }

    /// <summary>
    /// Reads the service's <c>&lt;Error&gt;</c> body (Code, Message, RequestId, TraceId; unknown elements skipped; the first
    /// occurrence wins). Throws <see cref="XmlException"/> on malformed input or a root other than <c>&lt;Error&gt;</c>.
    /// </summary>
    internal static ErrorXml ReadError(ReadOnlySpan<byte> body)
    {
        if (body.Length > CosXml.MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {CosXml.MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = CosXml.CreateReader(stream);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Error" || reader.NamespaceURI.Length != 0)
        {
            throw new XmlException($"<{reader.LocalName} xmlns='{reader.NamespaceURI}'> was not expected; the root element must be <Error>.");
        }

        var error = new ErrorXml();
        if (Enter(reader))
        {
            bool code = false, message = false, requestId = false, traceId = false;
            while (Next(reader))
            {
                switch (reader.LocalName)
                {
                    case "Code" when !code:
                        error.Code = reader.ReadElementContentAsString();
                        code = true;
                        break;
                    case "Message" when !message:
                        error.Message = reader.ReadElementContentAsString();
                        message = true;
                        break;
                    case "RequestId" when !requestId:
                        error.RequestId = reader.ReadElementContentAsString();
                        requestId = true;
                        break;
                    case "TraceId" when !traceId:
                        error.TraceId = reader.ReadElementContentAsString();
                        traceId = true;
                        break;
                    default:
                        Skip(reader);
                        break;
                }
            }
        }

        while (reader.Read())
        {
        }

        return error;
    }

    private static JobsResponseXml ReadDocument(XmlReader reader)
    {
        // MoveToContent throws "Root element is missing" on an empty document and rejects text at the root level.
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Response" || reader.NamespaceURI.Length != 0)
        {
            throw new XmlException($"<{reader.LocalName} xmlns='{reader.NamespaceURI}'> was not expected; the root element must be <Response>.");
        }

        var response = ReadResponse(reader);

        // Drain: the reader throws XmlException on anything after the root that is not whitespace, a comment or a PI.
        while (reader.Read())
        {
        }

        return response;
    }

    private static JobsResponseXml ReadResponse(XmlReader reader)
    {
        var result = new JobsResponseXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool eventName = false, nextToken = false;
        while (Next(reader))
        {
            switch (reader.LocalName)
            {
                case "EventName" when !eventName:
                    result.EventName = reader.ReadElementContentAsString();
                    eventName = true;
                    break;
                case "JobsDetail":
                    result.JobsDetail.Add(ReadJobDetail(reader));
                    break;
                case "NonExistJobIds":
                    result.NonExistJobIds.Add(reader.ReadElementContentAsString());
                    break;
                case "NextToken" when !nextToken:
                    result.NextToken = reader.ReadElementContentAsString();
                    nextToken = true;
                    break;
                default:
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static JobDetailXml ReadJobDetail(XmlReader reader)
    {
        var result = new JobDetailXml();
        if (!Enter(reader))
        {
            return result;
        }

        bool code = false, message = false, jobId = false, state = false, creation = false, start = false, end = false, queue = false, tag = false, input = false, operation = false;
        while (Next(reader))
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
                    Skip(reader);
                    break;
            }
        }

        return result;
    }

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

    private static QualityEstimateXml ReadQualityEstimate(XmlReader reader)
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
                case "ResultSource" when !source:
                    result.ResultSource = reader.ReadElementContentAsString();
                    source = true;
                    break;
                case "VqaPlusResult" when !vqaPlus:
                    result.VqaPlusResult = ReadVqaPlus(reader);
                    vqaPlus = true;
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
