using CosQualityEstimate.Models;
using CosQualityEstimate.Models.Wire;

namespace CosQualityEstimate.Serialization;

/// <summary>Wire batch (<see cref="BatchJobDetailXml"/>) → <see cref="BatchJobDetail"/>; both SDK spellings read (<c>CreationTime</c>/<c>CreateTime</c>, top-level or <c>Operation/</c> Tag and QueueId).</summary>
internal static class BatchJobDetailConverter
{
    internal static BatchJobDetail ToPublic(BatchJobDetailXml wire, string? requestId)
    {
        var input = wire.Input;
        return new BatchJobDetail
        {
            JobId = wire.JobId?.Trim() ?? string.Empty,
            Name = wire.Name,
            Type = wire.Type,
            State = WireEnum.ParseState(wire.State),
            RawState = wire.State,
            Code = wire.Code,
            Message = wire.Message,
            Tag = wire.Tag ?? wire.Operation?.Tag,
            Progress = wire.Progress,
            QueueId = wire.QueueId ?? wire.Operation?.QueueId,
            CreationTime = ServiceTime.Parse(wire.CreationTime ?? wire.CreateTime),
            StartTime = ServiceTime.Parse(wire.StartTime),
            EndTime = ServiceTime.Parse(wire.EndTime),
            Input = input is null || (input.Prefix is null && input.Manifest is null && input.UrlFile is null && input.Object is null)
                ? null
                : new BatchJobInput { Prefix = input.Prefix, Manifest = input.Manifest, UrlFile = input.UrlFile, ObjectKey = input.Object },
            UserData = wire.Operation?.UserData,
            RequestId = requestId,
        };
    }

    /// <summary>The ids the service does not know, from both spellings (each a comma-separated list).</summary>
    internal static List<string> NonExistentIds(BatchJobsResponseXml response)
    {
        var ids = new List<string>();
        foreach (var list in new[] { response.NonExistJobIds, response.NonExistJobId })
        {
            foreach (var value in list)
            {
                ids.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return ids;
    }
}
