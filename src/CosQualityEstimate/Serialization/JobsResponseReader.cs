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
/// <remarks>
/// This type reads the document and its root (and the <c>&lt;Error&gt;</c> body); the parts below the root are read by
/// <see cref="JobDetailXmlReader"/> (a job, its input and operation), <see cref="QualityEstimateXmlReader"/> (the result
/// and its vqaPlus findings) and <see cref="MediaInfoXmlReader"/> (the <c>MediaInfo</c> tree), all over the moves of
/// <see cref="XmlElementCursor"/>.
/// </remarks>
internal static class JobsResponseReader
{
    /// <summary>The deepest element nesting accepted (the root is depth 1), as for XML callbacks.</summary>
    internal const int MaxDepth = 64;

    /// <summary>Reads a complete <c>&lt;Response&gt;</c> document. Throws <see cref="XmlException"/> on malformed input, a wrong root or excessive nesting.</summary>
    internal static JobsResponseXml Read(byte[] body) => XmlRootReader.Read(body, "Response", ReadResponse);

    /// <summary>Reads a <c>&lt;Response&gt;</c> with the hardened <see cref="CosXml"/> reader only (the reference for the plain path).</summary>
    internal static JobsResponseXml ReadHardened(byte[] body) => XmlRootReader.ReadHardened(body, "Response", ReadResponse);

    /// <summary>Reads a <c>&lt;Response&gt;</c> on the plain path only (<see cref="PlainXmlReader.TryRead{T}"/>): <see langword="false"/> when it did not.</summary>
    internal static bool TryReadPlain(byte[] body, out JobsResponseXml result) => PlainXmlReader.TryRead(body, "Response", ReadResponse, out result);

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
        return XmlRootReader.ReadRoot(reader, "Response", ReadResponse);
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
        XmlRootReader.ThrowIfTooLarge(body.Length);
        return XmlRootReader.Read(body.ToArray(), "Error", ReadErrorFields);
    }

    private static ErrorXml ReadErrorFields(XmlReader reader)
    {
        var error = new ErrorXml();
        if (XmlElementCursor.Enter(reader))
        {
            bool code = false, message = false, requestId = false, traceId = false;
            while (XmlElementCursor.Next(reader))
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
                        XmlElementCursor.Skip(reader);
                        break;
                }
            }
        }

        return error;
    }

    private static JobsResponseXml ReadResponse(XmlReader reader)
    {
        var result = new JobsResponseXml();
        if (!XmlElementCursor.Enter(reader))
        {
            return result;
        }

        bool eventName = false, nextToken = false;
        while (XmlElementCursor.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "EventName" when !eventName:
                    result.EventName = reader.ReadElementContentAsString();
                    eventName = true;
                    break;
                case "JobsDetail":
                    result.JobsDetail.Add(JobDetailXmlReader.ReadJobDetail(reader));
                    break;
                case "NonExistJobIds":
                    result.NonExistJobIds.Add(reader.ReadElementContentAsString());
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

        return result;
    }

    /// <summary>The error for nesting deeper than <see cref="MaxDepth"/>, shared by every part of the reader.</summary>
    internal static XmlException TooDeep() => new($"The XML body nests elements deeper than {MaxDepth} levels.");
}
