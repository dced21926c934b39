using System.Text.Json;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Callbacks;

/// <summary>
/// The JSON callback body: <c>{"EventName":"TaskFinish","JobsDetail":{...}}</c> with the XML element names (PascalCase)
/// and every value as a string; repeated elements (DetailedResult, Items, AreaCoordSet) become arrays.
/// </summary>
internal static class CallbackJson
{
    internal static byte[] Create(JobDetailXml job)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("EventName", "TaskFinish");
            writer.WritePropertyName("JobsDetail");
            WriteJob(writer, job);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteJob(Utf8JsonWriter writer, JobDetailXml job)
    {
        writer.WriteStartObject();
        WriteIf(writer, "Code", job.Code);
        WriteIf(writer, "Message", job.Message);
        WriteIf(writer, "JobId", job.JobId);
        WriteIf(writer, "State", job.State);
        WriteIf(writer, "CreationTime", job.CreationTime);
        WriteIf(writer, "StartTime", job.StartTime);
        WriteIf(writer, "EndTime", job.EndTime);
        WriteIf(writer, "QueueId", job.QueueId);
        WriteIf(writer, "Tag", job.Tag);
        if (job.Input is { } input)
        {
            writer.WriteStartObject("Input");
            WriteIf(writer, "BucketId", input.BucketId);
            WriteIf(writer, "Object", input.Object);
            WriteIf(writer, "Region", input.Region);
            writer.WriteEndObject();
        }

        if (job.Operation is { } operation)
        {
            writer.WriteStartObject("Operation");
            if (operation.QualityEstimateConfig is { } config)
            {
                writer.WriteStartObject("QualityEstimateConfig");
                WriteIf(writer, "Rotate", config.Rotate);
                WriteIf(writer, "Mode", config.Mode);
                writer.WriteEndObject();
            }

            WriteIf(writer, "UserData", operation.UserData);
            WriteIf(writer, "JobLevel", operation.JobLevel);
            if (operation.MediaInfo is { } mediaInfo)
            {
                writer.WritePropertyName("MediaInfo");
                WriteElement(writer, mediaInfo);
            }

            if (operation.QualityEstimate is { } result)
            {
                writer.WriteStartObject("QualityEstimate");
                WriteIf(writer, "Score", result.Score);
                if (result.VqaPlusResult is { } vqa)
                {
                    writer.WriteStartObject("VqaPlusResult");
                    WriteIf(writer, "NoAudio", vqa.NoAudio);
                    WriteIf(writer, "NoVideo", vqa.NoVideo);
                    writer.WriteStartArray("DetailedResult");
                    foreach (var detail in vqa.DetailedResult)
                    {
                        writer.WriteStartObject();
                        WriteIf(writer, "Type", detail.Type);
                        writer.WriteStartArray("Items");
                        foreach (var item in detail.Items)
                        {
                            writer.WriteStartObject();
                            WriteIf(writer, "Confidence", item.Confidence);
                            WriteIf(writer, "StartTimeOffset", item.StartTimeOffset);
                            WriteIf(writer, "EndTimeOffset", item.EndTimeOffset);
                            writer.WriteStartArray("AreaCoordSet");
                            foreach (var coordinate in item.AreaCoordSet)
                            {
                                writer.WriteStringValue(coordinate);
                            }

                            writer.WriteEndArray();
                            writer.WriteEndObject();
                        }

                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                WriteIf(writer, "ResultSource", result.ResultSource);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>An element with children becomes an object (children by name); a leaf becomes its text.</summary>
    private static void WriteElement(Utf8JsonWriter writer, XElement element)
    {
        if (!element.HasElements)
        {
            writer.WriteStringValue(element.Value);
            return;
        }

        writer.WriteStartObject();
        foreach (var child in element.Elements())
        {
            writer.WritePropertyName(child.Name.LocalName);
            WriteElement(writer, child);
        }

        writer.WriteEndObject();
    }

    private static void WriteIf(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
