using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Results;

namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// The one rule for the report's "worst videos": finished results that may carry a verdict
/// (<see cref="SourceLabels.HasVerdict(string?)"/>: not simulated, not of unknown source), lowest score first, then by key.
/// <c>report --frames N</c> fetches the frames of the first N of the same list, so what it fetches is what the report shows.
/// </summary>
internal static class WorstVideos
{
    /// <summary>The <paramref name="count"/> worst of <paramref name="rows"/>.</summary>
    public static List<JournalRow> Of(IEnumerable<JournalRow> rows, int count) =>
        rows.Where(r => r.State == JournalState.Success && r.Score is not null && SourceLabels.HasVerdict(r.Source))
            .OrderBy(r => r.Score)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
