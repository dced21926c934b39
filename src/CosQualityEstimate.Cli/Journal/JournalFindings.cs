using System.Buffers;
using System.Text;
using System.Text.Json;
using CosQualityEstimate.Cli.Results;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>One finding occurrence as the journal keeps it.</summary>
internal sealed record JournalFinding(string Type, double? Start, double? End, double? Confidence, IReadOnlyList<int> Area);

/// <summary>A finished job's result record: where it came from and what was found.</summary>
/// <param name="Format">The format version that wrote it (0 when the row has none).</param>
/// <param name="Source">Where the result came from; <see cref="QualityEstimateSource.Unknown"/> for format 1 rows (see <see cref="JournalFindings"/>).</param>
/// <param name="RawSource">The source as stored (<c>service</c>, <c>local-analysis</c>, <c>simulated</c>), or <c>unknown</c>.</param>
/// <param name="NoAudio">The vqaPlus NoAudio flag, when reported.</param>
/// <param name="NoVideo">The vqaPlus NoVideo flag, when reported.</param>
/// <param name="Findings">The findings, one per occurrence.</param>
internal sealed record JournalResult(int Format, QualityEstimateSource Source, string RawSource, bool? NoAudio, bool? NoVideo, IReadOnlyList<JournalFinding> Findings)
{
    public static readonly JournalResult None = new(0, QualityEstimateSource.Unknown, JournalFindings.UnknownSource, null, null, []);

    /// <summary>The job's mode (<c>general</c>, <c>vqaPlus</c>) when recorded; rows written before modes were recorded have
    /// none, except that a row with vqaPlus flags or findings reads as <c>vqaPlus</c>.</summary>
    public string? Mode { get; init; }
}

/// <summary>
/// The journal's own, versioned format for a finished job's result (the <c>findings</c> column), independent of the
/// CLI's <c>-o json</c> output so that changing the output never breaks <c>export</c>/<c>report</c> of an existing journal.
/// <list type="bullet">
/// <item>Format 1 (cosqe 1.0, no version field): <c>{"noAudio","noVideo","findings":[{"type","start","end","confidence","area"}]}</c>,
/// written only for vqaPlus results. It has no source: such a row reads as source <c>unknown</c>, because the journal
/// cannot tell whether the service or the emulator produced it, and a simulated score must never read as measured.</item>
/// <item>Format 2: <c>{"format":2,"source":"service|local-analysis|simulated","mode":"general|vqaPlus","noAudio","noVideo","findings":[…]}</c>,
/// written for every finished job that has a result (findings empty when there are none). <c>mode</c> is optional (rows
/// written before it was recorded have none; a row with vqaPlus flags or findings then reads as vqaPlus).</item>
/// </list>
/// A newer format is read as far as its fields are known.
/// </summary>
internal static class JournalFindings
{
    /// <summary>The format this build writes.</summary>
    public const int CurrentFormat = 2;

    /// <summary>What a row without a source reads as.</summary>
    public const string UnknownSource = SourceLabels.Unknown;

    /// <summary>The record for <paramref name="estimate"/>, or <see langword="null"/> when the job has no result.</summary>
    /// <param name="estimate">The job's result.</param>
    /// <param name="unmarked">What a result without a source marker is (see <see cref="BatchJournal.UnmarkedSource"/>).</param>
    /// <param name="mode">The job's mode (<see cref="ModeLabels.Of"/>), recorded as the optional <c>mode</c> field.</param>
    public static string? Write(QualityEstimate? estimate, QualityEstimateSource unmarked, string? mode = null)
    {
        if (estimate is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", CurrentFormat);
            var source = SourceLabels.Of(estimate, unmarked);
            writer.WriteString("source", SourceLabels.StoredName(source, estimate.RawSource));
            if (mode is not null)
            {
                writer.WriteString("mode", mode);
            }

            if (estimate.VqaPlus?.NoAudio is { } noAudio)
            {
                writer.WriteBoolean("noAudio", noAudio);
            }

            if (estimate.VqaPlus?.NoVideo is { } noVideo)
            {
                writer.WriteBoolean("noVideo", noVideo);
            }

            writer.WriteStartArray("findings");
            foreach (var finding in estimate.VqaPlus?.DetailedResults ?? [])
            {
                var type = finding.RawType ?? finding.Type.ToString();
                if (finding.Items.Count == 0)
                {
                    WriteFinding(writer, type, null);
                }

                foreach (var item in finding.Items)
                {
                    WriteFinding(writer, type, item);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a record of any format; a missing or damaged record reads as <see cref="JournalResult.None"/>.</summary>
    public static JournalResult Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return JournalResult.None;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return JournalResult.None;
            }

            var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out var v) ? v : 1;
            var raw = format >= 2 && root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? UnknownSource : UnknownSource;
            var findings = new List<JournalFinding>();
            if (root.TryGetProperty("findings", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        findings.Add(ReadFinding(item));
                    }
                }
            }

            var noAudio = Flag(root, "noAudio");
            var noVideo = Flag(root, "noVideo");
            var mode = root.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : noAudio is not null || noVideo is not null || findings.Count > 0 ? ModeLabels.VqaPlus
                : null;
            return new JournalResult(format, SourceLabels.Parse(raw) ?? QualityEstimateSource.Unknown, raw, noAudio, noVideo, findings) { Mode = mode };
        }
        catch (JsonException)
        {
            // A damaged row shows no findings rather than failing the whole export/report.
            return JournalResult.None;
        }
    }

    private static void WriteFinding(Utf8JsonWriter writer, string type, DetailedResultItem? item)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        WriteNumber(writer, "start", item?.StartTimeOffset);
        WriteNumber(writer, "end", item?.EndTimeOffset);
        WriteNumber(writer, "confidence", item?.Confidence);
        if (item is { AreaCoordSet.Count: > 0 })
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

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
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

    private static JournalFinding ReadFinding(JsonElement item)
    {
        var area = new List<int>();
        if (item.TryGetProperty("area", out var a) && a.ValueKind == JsonValueKind.Array)
        {
            foreach (var coordinate in a.EnumerateArray())
            {
                if (coordinate.ValueKind == JsonValueKind.Number && coordinate.TryGetInt32(out var c))
                {
                    area.Add(c);
                }
            }
        }

        return new JournalFinding(
            item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "?" : "?",
            Number(item, "start"),
            Number(item, "end"),
            Number(item, "confidence"),
            area);
    }

    private static double? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool? Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
