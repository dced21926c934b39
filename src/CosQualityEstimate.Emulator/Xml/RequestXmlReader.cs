using System.Xml;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// Hand-written, trimming- and Native-AOT-safe reader for the Submit-Job body (<c>&lt;Request&gt;</c>) into
/// <see cref="JobRequestXml"/>, with the same results as <c>XmlSerializer</c> (the test oracle <c>OracleXml</c> over the public mirror of the library's DTOs;
/// checked by differential tests). It goes through the emulator's hardened reader settings (<see cref="EmulatorXml"/>: DTDs
/// prohibited, no resolver, <see cref="EmulatorXml.MaxBodyBytes"/> cap) and the emulator's own element readers
/// (<see cref="WireXmlReader"/>) for <c>Input</c> and <c>Operation</c>: elements
/// match by local name in the empty namespace, in any order; the first occurrence of an element wins; unknown elements,
/// stray text, comments and processing instructions are skipped; string content is taken as is. Stricter than the
/// serializer, it also rejects content after the root element and nesting deeper than
/// <see cref="WireXmlReader.MaxDepth"/>. Every failure is an <see cref="XmlException"/>, which the emulator answers
/// with 400 <c>MalformedXML</c>.
/// </summary>
internal static class RequestXmlReader
{
    /// <summary>Reads a complete <c>&lt;Request&gt;</c> document.</summary>
    /// <exception cref="XmlException">The body is over the size limit, not well-formed XML, has a DTD, a root other than
    /// <c>&lt;Request&gt;</c>, trailing content or excessive nesting.</exception>
    internal static JobRequestXml Read(ReadOnlySpan<byte> body)
    {
        if (body.Length > EmulatorXml.MaxBodyBytes)
        {
            throw new XmlException($"The XML body is {body.Length} bytes, over the {EmulatorXml.MaxBodyBytes}-byte limit.");
        }

        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = EmulatorXml.CreateReader(stream);

        // MoveToContent throws "Root element is missing" on an empty document and rejects text at the root level.
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Request" || reader.NamespaceURI.Length != 0)
        {
            throw new XmlException($"<{reader.LocalName} xmlns='{reader.NamespaceURI}'> was not expected; the root element must be <Request>.");
        }

        var request = ReadRequest(reader);

        // Drain: the reader throws XmlException on anything after the root that is not whitespace, a comment or a PI.
        while (reader.Read())
        {
        }

        return request;
    }

    private static JobRequestXml ReadRequest(XmlReader reader)
    {
        var result = new JobRequestXml();
        if (!WireXmlReader.Enter(reader))
        {
            return result;
        }

        bool tag = false, input = false, operation = false, callBack = false, format = false, type = false, mq = false;
        while (WireXmlReader.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "Tag" when !tag:
                    result.Tag = reader.ReadElementContentAsString();
                    tag = true;
                    break;
                case "Input" when !input:
                    result.Input = WireXmlReader.ReadInput(reader);
                    input = true;
                    break;
                case "Operation" when !operation:
                    result.Operation = WireXmlReader.ReadOperation(reader);
                    operation = true;
                    break;
                case "CallBack" when !callBack:
                    result.CallBack = reader.ReadElementContentAsString();
                    callBack = true;
                    break;
                case "CallBackFormat" when !format:
                    result.CallBackFormat = reader.ReadElementContentAsString();
                    format = true;
                    break;
                case "CallBackType" when !type:
                    result.CallBackType = reader.ReadElementContentAsString();
                    type = true;
                    break;
                case "CallBackMqConfig" when !mq:
                    result.CallBackMqConfig = ReadMqConfig(reader);
                    mq = true;
                    break;
                default:
                    WireXmlReader.Skip(reader);
                    break;
            }
        }

        return result;
    }

    private static CallBackMqConfigXml ReadMqConfig(XmlReader reader)
    {
        var result = new CallBackMqConfigXml();
        if (!WireXmlReader.Enter(reader))
        {
            return result;
        }

        bool region = false, mode = false, name = false;
        while (WireXmlReader.Next(reader))
        {
            switch (reader.LocalName)
            {
                case "MqRegion" when !region:
                    result.MqRegion = reader.ReadElementContentAsString();
                    region = true;
                    break;
                case "MqMode" when !mode:
                    result.MqMode = reader.ReadElementContentAsString();
                    mode = true;
                    break;
                case "MqName" when !name:
                    result.MqName = reader.ReadElementContentAsString();
                    name = true;
                    break;
                default:
                    WireXmlReader.Skip(reader);
                    break;
            }
        }

        return result;
    }
}
