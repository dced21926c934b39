using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// The facts and frames of the journals a report reads: a row's own journal answers for it (its
/// <see cref="JournalRow.Origin"/> when journals were merged, else the one journal). A journal without the tables
/// (older, or written with <c>--no-frames</c>) answers nothing.
/// </summary>
internal sealed class JournalVideoExtras : IVideoExtras
{
    private readonly Dictionary<string, (JournalMedia? Media, JournalFrames? Frames)> _byPath = new(StringComparer.Ordinal);
    private readonly (JournalMedia? Media, JournalFrames? Frames) _single;

    public JournalVideoExtras(IReadOnlyList<JournalFile> files)
    {
        foreach (var file in files)
        {
            _byPath[file.Path] = (JournalMedia.OpenForReading(file), JournalFrames.OpenForReading(file));
        }

        _single = files.Count == 1 ? _byPath[files[0].Path] : default;
    }

    /// <inheritdoc/>
    public MediaFacts? FactsOf(JournalRow row) => Of(row).Media?.Read(row.Key);

    /// <inheritdoc/>
    public IReadOnlyList<StoredFrame> FramesOf(JournalRow row) => Of(row).Frames?.Read(row.Key) ?? [];

    /// <inheritdoc/>
    public LocalAnalysis.LocalScoreBreakdown? BreakdownOf(JournalRow row) => Of(row).Media?.ReadBreakdown(row.Key);

    private (JournalMedia? Media, JournalFrames? Frames) Of(JournalRow row) =>
        row.Origin is { } origin && _byPath.TryGetValue(origin, out var tables) ? tables : _single;
}
