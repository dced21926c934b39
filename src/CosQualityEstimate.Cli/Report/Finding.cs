using System.Text.Json;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Report;

/// <summary>One vqaPlus occurrence as journaled.</summary>
internal sealed record Finding(string Type, double? Start, double? End, double? Confidence);

/// <summary>Reads the findings JSON the journal stores per key.</summary>
internal static class Findings
{
    public static List<Finding> Parse(JournalRow row)
    {
        var list = new List<Finding>();
        if (string.IsNullOrEmpty(row.FindingsJson))
        {
            return list;
        }

        try
        {
            using var document = JsonDocument.Parse(row.FindingsJson);
            if (document.RootElement.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in findings.EnumerateArray())
                {
                    list.Add(new Finding(
                        item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "?" : "?",
                        Number(item, "start"),
                        Number(item, "end"),
                        Number(item, "confidence")));
                }
            }
        }
        catch (JsonException)
        {
            // A damaged row shows no findings rather than failing the whole export/report.
        }

        return list;
    }

    private static double? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
