using System.Text;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>
/// Writes <c>/inventorytriggerjob</c> responses with <see cref="XElement"/>: <c>&lt;Response&gt;&lt;RequestId/&gt;&lt;JobsDetail&gt;…</c>,
/// the documented not-found list <c>NonExistJobIds</c> and <c>NextToken</c>. A detail carries Code, Message, JobId, Tag,
/// Name, Type, State, Progress, CreationTime, StartTime, EndTime, QueueId, Input and Operation.
/// </summary>
internal static class BatchXmlWriter
{
    internal static byte[] Write(string requestId, IEnumerable<BatchView> details, IEnumerable<string>? nonExist = null, string? nextToken = null)
    {
        var response = new XElement("Response", new XElement("RequestId", requestId));
        foreach (var view in details)
        {
            response.Add(Detail(view));
        }

        foreach (var id in nonExist ?? Array.Empty<string>())
        {
            response.Add(new XElement("NonExistJobIds", id));
        }

        if (nextToken is not null)
        {
            response.Add(new XElement("NextToken", nextToken));
        }

        return Encoding.UTF8.GetBytes(response.ToString(SaveOptions.DisableFormatting));
    }

    private static XElement Detail(BatchView view)
    {
        var batch = view.Batch;
        var request = batch.Request;
        var template = request.JobTemplate;
        var operation = new XElement("Operation");
        if (request.UploadedAfter is not null || request.UploadedBefore is not null)
        {
            operation.Add(new XElement(
                "TimeInterval",
                request.UploadedAfter is { } start ? new XElement("Start", JobStore.FormatTime(start)) : null,
                request.UploadedBefore is { } end ? new XElement("End", JobStore.FormatTime(end)) : null));
        }

        operation.Add(new XElement("Tag", "QualityEstimate"));
        operation.Add(new XElement("QueueId", JobStore.QueueId));
        Optional(operation, "UserData", template.Operation?.UserData);
        Optional(operation, "JobLevel", template.Operation?.JobLevel ?? "0");
        Optional(operation, "CallBack", template.CallBack);
        Optional(operation, "CallBackFormat", template.CallBackFormat);
        Optional(operation, "CallBackType", template.CallBackType);
        return new XElement(
            "JobsDetail",
            new XElement("Code", batch.FailureMessage is null ? "Success" : BatchInputResolver.MissingManifestPartCode),
            new XElement("Message", batch.FailureMessage),
            new XElement("JobId", batch.Id),
            new XElement("Tag", "QualityEstimate"),
            new XElement("Name", request.Name),
            new XElement("Type", "Job"),
            new XElement("State", view.State),
            new XElement("Progress", view.Progress + "%"),
            new XElement("CreationTime", JobStore.FormatTime(batch.CreationTime)),
            new XElement("StartTime", view.StartTime is { } started ? JobStore.FormatTime(started) : "-"),
            new XElement("EndTime", view.EndTime is { } ended ? JobStore.FormatTime(ended) : "-"),
            new XElement("QueueId", JobStore.QueueId),
            new XElement("Input", new XElement(request.InputKind, request.InputValue)),
            operation);
    }

    private static void Optional(XElement parent, string name, string? value)
    {
        if (value is not null)
        {
            parent.Add(new XElement(name, value));
        }
    }
}
