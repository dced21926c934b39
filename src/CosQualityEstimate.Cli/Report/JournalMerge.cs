using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// The rows of several journals merged into one row per key (<c>export</c> and <c>report</c> with more than one
/// <c>--journal</c>). Journals of any kind merge (batch journals of object keys and <c>cosqe analyze</c> catalogs of local
/// paths); every row keeps its own result record, so its source label (<c>service</c>, <c>local-analysis</c>,
/// <c>simulated</c>) is the one its journal recorded. When a key is in more than one journal the newest result wins
/// (<see cref="Newer"/>) and the key counts as one resolved <see cref="Conflicts">conflict</see>. Rows come out in
/// first-seen order: the journals in the order given, each in its own order.
/// </summary>
internal sealed class JournalMerge
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<JournalRow> _rows = [];
    private readonly HashSet<string> _conflicting = new(StringComparer.Ordinal);

    /// <summary>The merged rows, one per key.</summary>
    public IReadOnlyList<JournalRow> Rows => _rows;

    /// <summary>Keys found in more than one journal (each resolved by keeping the newest result).</summary>
    public int Conflicts => _conflicting.Count;

    /// <summary>How many journals were merged.</summary>
    public int Journals { get; private set; }

    /// <summary>Adds the rows of one more journal (named <paramref name="origin"/>).</summary>
    public void Add(IEnumerable<JournalRow> rows, string origin)
    {
        Journals++;
        foreach (var row in rows)
        {
            var tagged = row with { Origin = origin };
            if (_index.TryGetValue(row.Key, out var at))
            {
                _conflicting.Add(row.Key);
                if (Newer(tagged, _rows[at]))
                {
                    _rows[at] = tagged;
                }
            }
            else
            {
                _index[row.Key] = _rows.Count;
                _rows.Add(tagged);
            }
        }
    }

    /// <summary>
    /// The rule of a conflict: a row with a finished result beats one without (a key still pending in one journal and done
    /// in another is done); between two of the same standing the later <see cref="JournalRow.Updated"/> time wins; on a
    /// tie (or no time) the journal given later wins.
    /// </summary>
    public static bool Newer(JournalRow candidate, JournalRow current)
    {
        var candidateDone = candidate.State is { IsTerminal: true };
        var currentDone = current.State is { IsTerminal: true };
        if (candidateDone != currentDone)
        {
            return candidateDone;
        }

        return (candidate.Updated ?? DateTimeOffset.MinValue) >= (current.Updated ?? DateTimeOffset.MinValue);
    }
}
