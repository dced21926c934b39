using CosQualityEstimate.Models;

namespace CosQualityEstimate.Serialization;

/// <summary>Wire fields of one batch → <see cref="BatchJobDetail"/>; both SDK spellings read (<c>CreationTime</c>/<c>CreateTime</c>).</summary>
internal static class BatchJobDetailConverter
{
    internal static BatchJobDetail ToPublic(Dictionary<string, string> wire, string? requestId)
    {
        var state = Get(wire, "State");
        var prefix = Get(wire, "Input/Prefix");
        var manifest = Get(wire, "Input/Manifest");
        var urlFile = Get(wire, "Input/UrlFile");
        var objectKey = Get(wire, "Input/Object");
        return new BatchJobDetail
        {
            JobId = Get(wire, "JobId")?.Trim() ?? string.Empty,
            Name = Get(wire, "Name"),
            Type = Get(wire, "Type"),
            State = WireEnum.ParseState(state),
            RawState = state,
            Code = Get(wire, "Code"),
            Message = Get(wire, "Message"),
            Tag = Get(wire, "Tag") ?? Get(wire, "Operation/Tag"),
            Progress = Get(wire, "Progress"),
            QueueId = Get(wire, "QueueId") ?? Get(wire, "Operation/QueueId"),
            CreationTime = ServiceTime.Parse(Get(wire, "CreationTime") ?? Get(wire, "CreateTime")),
            StartTime = ServiceTime.Parse(Get(wire, "StartTime")),
            EndTime = ServiceTime.Parse(Get(wire, "EndTime")),
            Input = prefix is null && manifest is null && urlFile is null && objectKey is null
                ? null
                : new BatchJobInput { Prefix = prefix, Manifest = manifest, UrlFile = urlFile, ObjectKey = objectKey },
            UserData = Get(wire, "Operation/UserData"),
            RequestId = requestId,
        };
    }

    private static string? Get(Dictionary<string, string> wire, string name) => wire.TryGetValue(name, out var value) ? value : null;
}
