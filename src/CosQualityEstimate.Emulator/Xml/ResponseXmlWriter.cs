using System.Text;
using System.Xml;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// Hand-written, trimming- and Native-AOT-safe writer for the emulator's answers: <see cref="JobsResponseXml"/> (submit,
/// describe, list, and the XML TaskFinish callback) and <see cref="ErrorXml"/>. Apart from the emulator's own
/// <c>QualityEstimate/ResultSource</c> marker (written last in <c>QualityEstimate</c>), the output is byte for byte what
/// <c>XmlSerializer</c> (the test oracle <c>OracleXml</c>) writes for the same object — UTF-8 without BOM, no
/// declaration, no xsi/xsd namespaces, members in declaration order, <see langword="null"/> members and <see langword="null"/>
/// list entries omitted, empty strings as <c>&lt;X /&gt;</c>, <c>MediaInfo</c> written as the raw element it holds —
/// checked by differential tests. Text is escaped by <see cref="XmlWriter"/>; like the serializer it throws
/// <see cref="ArgumentException"/> on characters XML 1.0 cannot carry (controls other than TAB/LF/CR, U+FFFE/U+FFFF,
/// unpaired surrogates), which the emulator's pipeline turns into a 500 <c>InternalError</c> as before.
/// </summary>
internal static class ResponseXmlWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
        Indent = false,
        CloseOutput = false,
    };

    /// <summary>Writes a <c>&lt;Response&gt;</c> document.</summary>
    internal static byte[] Write(JobsResponseXml response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return WriteDocument(response, static (writer, value) => WriteResponse(writer, value));
    }

    /// <summary>Writes an <c>&lt;Error&gt;</c> document.</summary>
    internal static byte[] Write(ErrorXml error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteDocument(error, static (writer, value) =>
        {
            writer.WriteStartElement("Error");
            Element(writer, "Code", value.Code);
            Element(writer, "Message", value.Message);
            Element(writer, "RequestId", value.RequestId);
            Element(writer, "TraceId", value.TraceId);
            writer.WriteEndElement();
        });
    }

    private static byte[] WriteDocument<T>(T value, Action<XmlWriter, T> write)
    {
        using var stream = new MemoryStream(512);
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            write(writer, value);
        }

        return stream.ToArray();
    }

    private static void WriteResponse(XmlWriter writer, JobsResponseXml response)
    {
        writer.WriteStartElement("Response");
        Element(writer, "EventName", response.EventName);
        if (response.JobsDetail is { } jobs)
        {
            foreach (var job in jobs)
            {
                if (job is not null)
                {
                    WriteJob(writer, job);
                }
            }
        }

        if (response.NonExistJobIds is { } ids)
        {
            foreach (var id in ids)
            {
                Element(writer, "NonExistJobIds", id);
            }
        }

        Element(writer, "NextToken", response.NextToken);
        writer.WriteEndElement();
    }

    private static void WriteJob(XmlWriter writer, JobDetailXml job)
    {
        writer.WriteStartElement("JobsDetail");
        Element(writer, "Code", job.Code);
        Element(writer, "Message", job.Message);
        Element(writer, "JobId", job.JobId);
        Element(writer, "State", job.State);
        Element(writer, "CreationTime", job.CreationTime);
        Element(writer, "StartTime", job.StartTime);
        Element(writer, "EndTime", job.EndTime);
        Element(writer, "QueueId", job.QueueId);
        Element(writer, "Tag", job.Tag);
        if (job.Input is { } input)
        {
            writer.WriteStartElement("Input");
            Element(writer, "Object", input.Object);
            Element(writer, "BucketId", input.BucketId);
            Element(writer, "Bucket", input.Bucket);
            Element(writer, "Region", input.Region);
            writer.WriteEndElement();
        }

        if (job.Operation is { } operation)
        {
            WriteOperation(writer, operation);
        }

        writer.WriteEndElement();
    }

    private static void WriteOperation(XmlWriter writer, JobOperationXml operation)
    {
        writer.WriteStartElement("Operation");
        if (operation.QualityEstimateConfig is { } config)
        {
            writer.WriteStartElement("QualityEstimateConfig");
            Element(writer, "Rotate", config.Rotate);
            Element(writer, "Mode", config.Mode);
            writer.WriteEndElement();
        }

        Element(writer, "UserData", operation.UserData);
        Element(writer, "JobLevel", operation.JobLevel);

        // The raw element with its whole subtree, as the serializer's [XmlAnyElement] binding writes it (whatever its
        // name: the serializer does not check it on the way out either).
        operation.MediaInfo?.WriteTo(writer);

        if (operation.QualityEstimate is { } estimate)
        {
            writer.WriteStartElement("QualityEstimate");
            Element(writer, "Score", estimate.Score);
            if (estimate.VqaPlusResult is { } vqa)
            {
                WriteVqaPlus(writer, vqa);
            }

            // The emulator's marker (docs/emulator.md): last, so it never shifts an element the service sends.
            Element(writer, "ResultSource", estimate.ResultSource);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteVqaPlus(XmlWriter writer, VqaPlusResultXml vqa)
    {
        writer.WriteStartElement("VqaPlusResult");
        Element(writer, "NoAudio", vqa.NoAudio);
        Element(writer, "NoVideo", vqa.NoVideo);
        if (vqa.DetailedResult is { } details)
        {
            foreach (var detail in details)
            {
                if (detail is null)
                {
                    continue;
                }

                writer.WriteStartElement("DetailedResult");
                Element(writer, "Type", detail.Type);
                if (detail.Items is { } items)
                {
                    foreach (var item in items)
                    {
                        if (item is null)
                        {
                            continue;
                        }

                        writer.WriteStartElement("Items");
                        Element(writer, "Confidence", item.Confidence);
                        Element(writer, "StartTimeOffset", item.StartTimeOffset);
                        Element(writer, "EndTimeOffset", item.EndTimeOffset);
                        if (item.AreaCoordSet is { } coords)
                        {
                            foreach (var coord in coords)
                            {
                                Element(writer, "AreaCoordSet", coord);
                            }
                        }

                        writer.WriteEndElement();
                    }
                }

                writer.WriteEndElement();
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>Nothing for <see langword="null"/>; <c>&lt;X /&gt;</c> for ""; otherwise the escaped text.</summary>
    private static void Element(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteElementString(name, value);
        }
    }
}
