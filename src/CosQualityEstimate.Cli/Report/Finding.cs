using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Report;

/// <summary>One vqaPlus occurrence as journaled.</summary>
internal sealed record Finding(string Type, double? Start, double? End, double? Confidence);

/// <summary>The findings of a journal row, read through the journal's own versioned format (<see cref="JournalFindings"/>).</summary>
internal static class Findings
{
    public static List<Finding> Parse(JournalRow row) =>
        row.Result.Findings.Select(f => new Finding(f.Type, f.Start, f.End, f.Confidence)).ToList();
}
