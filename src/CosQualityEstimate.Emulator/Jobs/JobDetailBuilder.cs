using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>Builds the wire detail of a job in a given state: times in China Standard Time, the failure, and the result.</summary>
internal sealed class JobDetailBuilder
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private readonly string _bucket;
    private readonly string _region;

    /// <summary>Creates the builder.</summary>
    /// <param name="bucket">The emulated bucket, echoed as the input's bucket.</param>
    /// <param name="region">The emulated region, echoed as the input's region.</param>
    internal JobDetailBuilder(string bucket, string region)
    {
        _bucket = bucket;
        _region = region;
    }

    /// <summary>Formats a time like the service: <c>2022-06-27T15:23:10+0800</c>.</summary>
    internal static string FormatTime(DateTimeOffset value) => ServiceTime.Format(value.ToOffset(ChinaStandardTime));

    /// <summary>The job's detail in <paramref name="state"/>.</summary>
    internal JobDetailXml Build(EmulatedJob job, string state)
    {
        var request = job.Request;
        var config = request.Operation!.QualityEstimateConfig!;
        var failed = state == JobStates.Failed;
        var success = state == JobStates.Success;
        var analysed = job.Outcome?.Result is not null;
        return new JobDetailXml
        {
            Code = failed ? FailureCode(job) : "Success",
            Message = failed ? FailureMessage(job) : string.Empty,
            JobId = job.JobId,
            State = state,
            CreationTime = FormatTime(job.CreationTime),
            StartTime = Format(job.StartedAt),
            EndTime = Format(job.EndedAt ?? job.CanceledAt),
            QueueId = JobStore.QueueId,
            Tag = "QualityEstimate",
            Input = new JobInputXml { BucketId = _bucket, Object = job.ObjectKey, Region = _region },
            Operation = new JobOperationXml
            {
                QualityEstimateConfig = new QualityEstimateConfigXml { Rotate = config.Rotate, Mode = config.Mode },
                UserData = request.Operation.UserData,
                JobLevel = request.Operation.JobLevel,
                MediaInfo = !success ? null : analysed ? new XElement(job.Outcome!.MediaInfo!) : JobResultFactory.MediaInfo(job.ObjectKey),
                QualityEstimate = !success ? null : analysed ? AnalysedResult(job.Outcome!.Result!, config.Mode!) : JobResultFactory.Result(job.ObjectKey, config.Mode!),
            },
        };
    }

    private static string Format(DateTimeOffset? value) => value is { } v ? FormatTime(v) : "-";

    private static string FailureCode(EmulatedJob job) => job.Outcome?.FailureCode ?? "InputFileNotExist";

    private static string FailureMessage(EmulatedJob job) =>
        job.Outcome?.FailureMessage
        ?? (job.InputMissing ? $"The input object {job.ObjectKey} does not exist." : $"The input object {job.ObjectKey} does not exist or cannot be decoded.");

    /// <summary>A fresh copy of the shared analysis result, without VqaPlusResult in general mode.</summary>
    private static QualityEstimateXml AnalysedResult(QualityEstimateXml shared, string mode) => new()
    {
        Score = shared.Score,
        VqaPlusResult = mode == "vqaPlus" ? shared.VqaPlusResult : null,
        ResultSource = shared.ResultSource,
    };
}
