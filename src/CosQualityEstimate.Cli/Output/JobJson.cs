using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Output;

/// <summary>Reflection-free JSON for jobs and findings (Native AOT safe).</summary>
internal static class JobJson
{
    public static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One job as JSON, with <c>"source"</c> (service | local-analysis | simulated) when it has a result.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="job">The job.</param>
    /// <param name="unmarked">The source of a result without a marker (<see cref="QualityEstimateSource.Simulated"/> for the embedded emulator).</param>
    /// <param name="extra">Writes more properties into the job's object (e.g. a local analysis's score breakdown).</param>
    public static void WriteJob(Utf8JsonWriter writer, JobDetail job, QualityEstimateSource unmarked, Action<Utf8JsonWriter>? extra = null)
    {
        writer.WriteStartObject();
        WriteStringOrNull(writer, "jobId", job.JobId.Length > 0 ? job.JobId : null); // empty for a local analysis (no job)
        writer.WriteString("state", StateName(job));
        WriteStringOrNull(writer, "key", job.Input?.ObjectKey);
        WriteStringOrNull(writer, "code", job.Code);
        WriteStringOrNull(writer, "message", job.Message);
        var mode = ModeLabels.Of(job);
        WriteStringOrNull(writer, "mode", mode);
        if (ModeLabels.FindingsMeasured(mode) is { } measured)
        {
            // false for general: no findings because none were looked for (never "no findings").
            writer.WriteBoolean("findingsMeasured", measured);
        }
        else
        {
            writer.WriteNull("findingsMeasured");
        }
        if (job.CreationTime is { } created)
        {
            writer.WriteString("creationTime", created.ToString("O", CultureInfo.InvariantCulture));
        }

        if (job.EndTime is { } ended)
        {
            writer.WriteString("endTime", ended.ToString("O", CultureInfo.InvariantCulture));
        }

        WriteResult(writer, job.QualityEstimate, job.QualityEstimate is null ? null : SourceLabels.Of(job, unmarked));

        WriteStringOrNull(writer, "userData", job.UserData);
        if (job.QualityEstimate?.VqaPlus is { } vqa)
        {
            writer.WritePropertyName("vqaPlus");
            WriteVqaPlus(writer, vqa);
        }

        extra?.Invoke(writer);
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>"source"</c>, <c>"score"</c> and <c>"good"</c>; <c>"good"</c> is <see langword="null"/> for a result that was not
    /// measured (simulated or an unknown source), and <c>"source"</c> is <see langword="null"/> when there is no result yet.
    /// </summary>
    public static void WriteResult(Utf8JsonWriter writer, QualityEstimate? result, QualityEstimateSource? source)
    {
        if (source is { } known)
        {
            writer.WriteString("source", SourceLabels.Name(known));
        }
        else
        {
            writer.WriteNull("source");
        }

        if (result?.Score is { } score && double.IsFinite(score))
        {
            writer.WriteNumber("score", score);
            if (source is { } measured && SourceLabels.HasVerdict(measured))
            {
                writer.WriteBoolean("good", result.IsGoodQuality);
            }
            else
            {
                writer.WriteNull("good");
            }
        }
        else
        {
            writer.WriteNull("score");
        }
    }

    public static void WriteVqaPlus(Utf8JsonWriter writer, VqaPlusResult vqa)
    {
        writer.WriteStartObject();
        if (vqa.NoAudio is { } noAudio)
        {
            writer.WriteBoolean("noAudio", noAudio);
        }

        if (vqa.NoVideo is { } noVideo)
        {
            writer.WriteBoolean("noVideo", noVideo);
        }

        writer.WritePropertyName("findings");
        WriteFindings(writer, vqa);
        writer.WriteEndObject();
    }

    /// <summary>Findings flattened: one object per occurrence (type, start, end, confidence, area).</summary>
    public static void WriteFindings(Utf8JsonWriter writer, VqaPlusResult vqa)
    {
        writer.WriteStartArray();
        foreach (var finding in vqa.DetailedResults)
        {
            foreach (var item in finding.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("type", finding.RawType ?? finding.Type.ToString());
                WriteNumberOrNull(writer, "start", item.StartTimeOffset);
                WriteNumberOrNull(writer, "end", item.EndTimeOffset);
                if (item.Confidence is { } confidence)
                {
                    writer.WriteNumber("confidence", confidence);
                }
                else
                {
                    writer.WriteNull("confidence");
                }

                if (item.AreaCoordSet.Count > 0)
                {
                    writer.WriteStartArray("area");
                    foreach (var coordinate in item.AreaCoordSet)
                    {
                        writer.WriteNumberValue(coordinate);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            if (finding.Items.Count == 0)
            {
                writer.WriteStartObject();
                writer.WriteString("type", finding.RawType ?? finding.Type.ToString());
                writer.WriteNull("start");
                writer.WriteNull("end");
                writer.WriteNull("confidence");
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    public static string StateName(JobDetail job) => job.RawState ?? job.State.ToString();

    public static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
