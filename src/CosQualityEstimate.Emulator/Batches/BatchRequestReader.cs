using System.Xml;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Emulator.Wire;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>
/// Reads and validates a <c>POST /inventorytriggerjob</c> body with <see cref="XDocument"/> over the hardened
/// <see cref="EmulatorXml"/> reader (no DTD, no resolver, bounded size) — an implementation of its own, independent of the
/// library's hand-written readers. Only <c>Type</c> Job with <c>Operation/Tag</c> QualityEstimate is emulated; the job
/// fields (UserData, JobLevel, callbacks, the unconfirmed <c>JobParam/QualityEstimateConfig</c>) follow the submit's rules.
/// </summary>
internal static class BatchRequestReader
{
    private static readonly string[] InputKinds = { "Prefix", "Manifest", "UrlFile", "Object" };

    /// <summary>Returns the request, or an error (<c>MalformedXml</c> when <paramref name="malformed"/>) naming the field.</summary>
    internal static BatchRequest? Read(byte[] body, out string? problem, out bool malformed, XmlReadMeter? meter = null)
    {
        problem = null;
        malformed = false;
        XElement root;
        try
        {
            root = EmulatorXml.Load(body, meter).Root!; // DTD refused, size bounded, depth refused while reading
        }
        catch (XmlException)
        {
            malformed = true;
            problem = "The XML you provided was not well-formed or did not validate against the schema.";
            return null;
        }

        if (root.Name != "Request")
        {
            malformed = true;
            problem = "The root element must be Request.";
            return null;
        }

        var name = Text(root, "Name");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 128)
        {
            problem = "Name is required (at most 128 characters)";
            return null;
        }

        if (Text(root, "Type") is { } type && type != "Job")
        {
            problem = "Type must be Job (Workflow batches are not emulated)";
            return null;
        }

        var input = root.Element("Input");
        var given = InputKinds.Where(kind => input?.Element(kind) is not null).ToList();
        if (given.Count != 1)
        {
            problem = "Input must have exactly one of Prefix, Manifest, UrlFile or Object";
            return null;
        }

        var inputValue = input!.Element(given[0])!.Value;
        if (given[0] != "Prefix" && string.IsNullOrWhiteSpace(inputValue))
        {
            problem = $"Input.{given[0]} must not be empty";
            return null;
        }

        var operation = root.Element("Operation");
        if (Text(operation, "Tag") != "QualityEstimate")
        {
            problem = "Operation.Tag must be QualityEstimate (the only tag emulated)";
            return null;
        }

        DateTimeOffset? after = null, before = null;
        if (operation?.Element("TimeInterval") is { } interval)
        {
            if (Text(interval, "Start") is { } start && (after = ServiceTime.Parse(start)) is null)
            {
                problem = "Operation.TimeInterval.Start must look like 2022-06-27T15:23:10+0800";
                return null;
            }

            if (Text(interval, "End") is { } end && (before = ServiceTime.Parse(end)) is null)
            {
                problem = "Operation.TimeInterval.End must look like 2022-06-27T15:23:10+0800";
                return null;
            }
        }

        var config = operation?.Element("JobParam")?.Element("QualityEstimateConfig");
        var mq = operation?.Element("CallBackMqConfig");
        var template = new JobRequestXml
        {
            Tag = "QualityEstimate",
            Input = new JobInputXml { Object = "batch" },
            Operation = new JobOperationXml
            {
                QualityEstimateConfig = config is null ? null : new QualityEstimateConfigXml { Rotate = Text(config, "Rotate"), Mode = Text(config, "Mode") },
                UserData = Text(operation, "UserData"),
                JobLevel = Text(operation, "JobLevel"),
            },
            CallBack = Text(operation, "CallBack"),
            CallBackFormat = Text(operation, "CallBackFormat"),
            CallBackType = Text(operation, "CallBackType"),
            CallBackMqConfig = mq is null ? null : new CallBackMqConfigXml { MqRegion = Text(mq, "MqRegion"), MqMode = Text(mq, "MqMode"), MqName = Text(mq, "MqName") },
        };
        if (SubmitRequestValidator.Validate(template) is { } jobProblem)
        {
            problem = jobProblem;
            return null;
        }

        var queueId = Text(operation, "QueueId");
        if (queueId is not null && queueId != JobStore.QueueId)
        {
            problem = $"Operation.QueueId {queueId} does not exist";
            return null;
        }

        return new BatchRequest(name, given[0], inputValue, after, before, queueId, template);
    }

    private static string? Text(XElement? parent, string name) => parent?.Element(name)?.Value;
}
