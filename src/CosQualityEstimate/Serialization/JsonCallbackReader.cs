using System.Text.Json;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>
/// Maps a JSON callback (<c>CallBackFormat=JSON</c>) onto the same wire POCOs the XML serializer fills, so both formats
/// go through <see cref="JobDetailConverter"/>. Lenient on shapes (object or array, numbers or strings, booleans or
/// strings, names in any case) via <see cref="JsonLenient"/>; unknown properties are ignored.
/// </summary>
internal static class JsonCallbackReader
{
    /// <summary>Reads the callback's root object (<c>{"EventName": ..., "JobsDetail": ...}</c>).</summary>
    internal static JobsResponseXml Read(JsonElement root)
    {
        var wire = new JobsResponseXml
        {
            EventName = JsonLenient.GetScalar(root, "EventName"),
            NextToken = JsonLenient.GetScalar(root, "NextToken"),
        };

        foreach (var job in JsonLenient.GetObjects(root, "JobsDetail"))
        {
            wire.JobsDetail.Add(ReadJob(job));
        }

        JsonLenient.AddScalars(root, "NonExistJobIds", wire.NonExistJobIds);
        return wire;
    }

    private static JobDetailXml ReadJob(JsonElement job) => new()
    {
        Code = JsonLenient.GetScalar(job, "Code"),
        Message = JsonLenient.GetScalar(job, "Message"),
        JobId = JsonLenient.GetScalar(job, "JobId"),
        State = JsonLenient.GetScalar(job, "State"),
        CreationTime = JsonLenient.GetScalar(job, "CreationTime"),
        StartTime = JsonLenient.GetScalar(job, "StartTime"),
        EndTime = JsonLenient.GetScalar(job, "EndTime"),
        QueueId = JsonLenient.GetScalar(job, "QueueId"),
        Tag = JsonLenient.GetScalar(job, "Tag"),
        Input = JsonLenient.TryGetObject(job, "Input", out var input) ? new JobInputXml
        {
            Object = JsonLenient.GetScalar(input, "Object"),
            BucketId = JsonLenient.GetScalar(input, "BucketId"),
            Bucket = JsonLenient.GetScalar(input, "Bucket"),
            Region = JsonLenient.GetScalar(input, "Region"),
        } : null,
        Operation = JsonLenient.TryGetObject(job, "Operation", out var operation) ? ReadOperation(operation) : null,
    };

    private static JobOperationXml ReadOperation(JsonElement operation) => new()
    {
        QualityEstimateConfig = JsonLenient.TryGetObject(operation, "QualityEstimateConfig", out var config) ? new QualityEstimateConfigXml
        {
            Rotate = JsonLenient.GetScalar(config, "Rotate"),
            Mode = JsonLenient.GetScalar(config, "Mode"),
        } : null,
        UserData = ReadUserData(operation),
        JobLevel = JsonLenient.GetScalar(operation, "JobLevel"),
        MediaInfo = JsonLenient.TryGet(operation, "MediaInfo", out var mediaInfo) ? JsonMediaInfo.ToXElement(mediaInfo) : null,
        QualityEstimate = JsonLenient.TryGetObject(operation, "QualityEstimate", out var result) ? ReadResult(result) : null,
    };

    /// <summary>UserData is text on the wire; a JSON object or array there is kept as its JSON text rather than dropped.</summary>
    private static string? ReadUserData(JsonElement operation)
    {
        if (!JsonLenient.TryGet(operation, "UserData", out var value))
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? value.GetRawText() : JsonLenient.Scalar(value);
    }

    private static QualityEstimateXml ReadResult(JsonElement result)
    {
        var wire = new QualityEstimateXml
        {
            Score = JsonLenient.GetScalar(result, "Score"),
            ResultSource = JsonLenient.GetScalar(result, "ResultSource"),
        };
        if (JsonLenient.TryGetObject(result, "VqaPlusResult", out var vqa))
        {
            var vqaWire = new VqaPlusResultXml
            {
                NoAudio = JsonLenient.GetScalar(vqa, "NoAudio"),
                NoVideo = JsonLenient.GetScalar(vqa, "NoVideo"),
            };

            foreach (var detail in JsonLenient.GetObjects(vqa, "DetailedResult"))
            {
                var detailWire = new DetailedResultXml { Type = JsonLenient.GetScalar(detail, "Type") };
                foreach (var item in JsonLenient.GetObjects(detail, "Items"))
                {
                    var itemWire = new DetailedResultItemXml
                    {
                        Confidence = JsonLenient.GetScalar(item, "Confidence"),
                        StartTimeOffset = JsonLenient.GetScalar(item, "StartTimeOffset"),
                        EndTimeOffset = JsonLenient.GetScalar(item, "EndTimeOffset"),
                    };
                    JsonLenient.AddScalars(item, "AreaCoordSet", itemWire.AreaCoordSet);
                    detailWire.Items.Add(itemWire);
                }

                vqaWire.DetailedResult.Add(detailWire);
            }

            wire.VqaPlusResult = vqaWire;
        }

        return wire;
    }
}
