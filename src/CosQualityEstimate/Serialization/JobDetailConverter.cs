using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>Maps the faithful wire <see cref="JobDetailXml"/> to the idiomatic <see cref="JobDetail"/>.</summary>
internal static class JobDetailConverter
{
    internal static JobDetail ToPublic(JobDetailXml wire, string? requestId = null)
    {
        var operation = wire.Operation;
        var (userData, clientToken) = ClientToken.Split(operation?.UserData);
        return new JobDetail
        {
            JobId = wire.JobId?.Trim() ?? string.Empty,
            State = WireEnum.ParseState(wire.State),
            RawState = wire.State,
            Code = wire.Code,
            Message = wire.Message,
            Tag = wire.Tag,
            QueueId = wire.QueueId,
            CreationTime = ServiceTime.Parse(wire.CreationTime),
            RawCreationTime = wire.CreationTime,
            StartTime = ServiceTime.Parse(wire.StartTime),
            RawStartTime = wire.StartTime,
            EndTime = ServiceTime.Parse(wire.EndTime),
            RawEndTime = wire.EndTime,
            Input = wire.Input is null ? null : new JobInput
            {
                BucketId = wire.Input.BucketId ?? wire.Input.Bucket,
                ObjectKey = wire.Input.Object,
                Region = wire.Input.Region,
            },
            Settings = operation?.QualityEstimateConfig is { } config ? new QualityEstimateSettings
            {
                Rotate = ServiceValue.ParseInt(config.Rotate),
                RawRotate = config.Rotate,
                Mode = WireEnum.ParseMode(config.Mode),
                RawMode = config.Mode,
            } : null,
            UserData = userData,
            ClientToken = clientToken,
            JobLevel = ServiceValue.ParseInt(operation?.JobLevel),
            RawJobLevel = operation?.JobLevel,
            MediaInfo = MediaInfoConverter.ToPublic(operation?.MediaInfo),
            QualityEstimate = operation?.QualityEstimate is { } result ? ToPublic(result) : null,
            RequestId = requestId,
        };
    }

    internal static IReadOnlyList<JobDetail> ToPublic(List<JobDetailXml>? wire, string? requestId = null)
    {
        if (wire is null || wire.Count == 0)
        {
            return Array.Empty<JobDetail>();
        }

        var jobs = new JobDetail[wire.Count];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = ToPublic(wire[i], requestId);
        }

        return jobs;
    }

    private static QualityEstimate ToPublic(QualityEstimateXml wire) => new()
    {
        Score = ServiceValue.ParseDouble(wire.Score),
        RawScore = wire.Score,
        Source = WireEnum.ParseResultSource(wire.ResultSource),
        RawSource = wire.ResultSource,
        VqaPlus = wire.VqaPlusResult is { } vqa ? new VqaPlusResult
        {
            NoAudio = ServiceValue.ParseBool(vqa.NoAudio),
            RawNoAudio = vqa.NoAudio,
            NoVideo = ServiceValue.ParseBool(vqa.NoVideo),
            RawNoVideo = vqa.NoVideo,
            DetailedResults = ToPublic(vqa.DetailedResult),
        } : null,
    };

    private static IReadOnlyList<DetailedResult> ToPublic(List<DetailedResultXml>? wire)
    {
        if (wire is null || wire.Count == 0)
        {
            return Array.Empty<DetailedResult>();
        }

        var results = new DetailedResult[wire.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var detail = wire[i];
            var items = new DetailedResultItem[detail.Items?.Count ?? 0];
            for (var j = 0; j < items.Length; j++)
            {
                var item = detail.Items![j];
                items[j] = new DetailedResultItem
                {
                    Confidence = ServiceValue.ParseInt(item.Confidence),
                    RawConfidence = item.Confidence,
                    StartTimeOffset = ServiceValue.ParseDouble(item.StartTimeOffset),
                    RawStartTimeOffset = item.StartTimeOffset,
                    EndTimeOffset = ServiceValue.ParseDouble(item.EndTimeOffset),
                    RawEndTimeOffset = item.EndTimeOffset,
                    AreaCoordSet = ServiceValue.ParseIntList(item.AreaCoordSet),
                    // The wire list is this parse's own and is discarded after it: shared, not copied.
                    RawAreaCoordSet = item.AreaCoordSet is { Count: > 0 } coords ? coords : Array.Empty<string>(),
                };
            }

            results[i] = new DetailedResult
            {
                Type = WireEnum.ParseIssueType(detail.Type),
                RawType = detail.Type,
                Items = items,
            };
        }

        return results;
    }
}
