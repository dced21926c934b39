using System.Text;
using System.Xml;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Writes the <c>POST /inventorytriggerjob</c> body for a QualityEstimate batch (validated before, see
/// <c>BatchJobRequestValidator</c>): <c>&lt;Request&gt;&lt;Name/&gt;&lt;Type&gt;Job&lt;/Type&gt;&lt;Input/&gt;&lt;Operation/&gt;&lt;/Request&gt;</c>,
/// UTF-8 without BOM or declaration, absent members omitted. The operation settings it shares with a submit come from
/// <see cref="OperationSettingsConverter"/> (the one mapping for both); <c>Operation/JobParam</c> is written only for the
/// unconfirmed QualityEstimateConfig option.
/// </summary>
internal static class BatchJobRequestWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        Indent = false,
        CheckCharacters = true,
    };

    internal static byte[] Write(QualityEstimateBatchRequest request)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            w.WriteStartElement("Request");
            w.WriteElementString("Name", request.Name);
            w.WriteElementString("Type", "Job");
            w.WriteStartElement("Input");
            Optional(w, "Prefix", request.Input.Prefix);
            Optional(w, "Manifest", request.Input.Manifest);
            Optional(w, "UrlFile", request.Input.UrlFile);
            Optional(w, "Object", request.Input.ObjectKey);
            w.WriteEndElement();

            w.WriteStartElement("Operation");
            if (request.UploadedAfter is not null || request.UploadedBefore is not null)
            {
                w.WriteStartElement("TimeInterval");
                Optional(w, "Start", request.UploadedAfter is { } start ? ServiceTime.Format(start) : null);
                Optional(w, "End", request.UploadedBefore is { } end ? ServiceTime.Format(end) : null);
                w.WriteEndElement();
            }

            w.WriteElementString("Tag", JobRequestConverter.QualityEstimateTag);
            var settings = OperationSettingsConverter.ToWire(OperationSettings.Of(request), request.UserData);
            if (settings.Operation?.QualityEstimateConfig is { } config)
            {
                w.WriteStartElement("JobParam");
                w.WriteStartElement("QualityEstimateConfig");
                Optional(w, "Rotate", config.Rotate);
                Optional(w, "Mode", config.Mode);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            Optional(w, "QueueId", settings.QueueId);
            Optional(w, "UserData", settings.Operation?.UserData);
            Optional(w, "JobLevel", settings.Operation?.JobLevel);
            Optional(w, "CallBack", settings.CallBack);
            Optional(w, "CallBackFormat", settings.CallBackFormat);
            Optional(w, "CallBackType", settings.CallBackType);
            if (settings.CallBackMqConfig is { } mq)
            {
                w.WriteStartElement("CallBackMqConfig");
                Optional(w, "MqRegion", mq.MqRegion);
                Optional(w, "MqMode", mq.MqMode);
                Optional(w, "MqName", mq.MqName);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void Optional(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, value);
        }
    }
}
