using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>
/// Rule 1 of docs/cli.md ("Token before send"): reads the keys without a job in chunks of <see cref="ChunkSize"/> and
/// commits (fsynced) a fresh client token for each key that has none — always before any of them is handed out for
/// sending. The next chunk is prepared while the current one is being sent. Keys left in doubt by a failed look-up are
/// skipped for this run. Tokens handed out but never sent are released (<see cref="Release"/>).
/// </summary>
internal sealed class TokenPreparer
{
    public const int ChunkSize = 512;

    private readonly BatchJournal _journal;
    private readonly IReadOnlySet<long> _skip;
    private long _after;

    public TokenPreparer(BatchJournal journal, IReadOnlySet<long> skip)
    {
        _journal = journal;
        _skip = skip;
    }

    /// <summary>The next chunk with committed tokens, or <see langword="null"/> when no key is left.</summary>
    public List<JournalRow>? Next()
    {
        while (true)
        {
            var rows = _journal.ReadUnsubmitted(_after, ChunkSize);
            if (rows.Count == 0)
            {
                return null;
            }

            _after = rows[^1].Seq;
            var chunk = rows.Where(r => !_skip.Contains(r.Seq)).ToList();
            var fresh = new List<(long, string)>();
            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk[i].ClientToken is null)
                {
                    var token = Guid.NewGuid().ToString("N");
                    fresh.Add((chunk[i].Seq, token));
                    chunk[i] = chunk[i] with { ClientToken = token, TokenFresh = true };
                }
            }

            _journal.AssignTokens(fresh);
            if (chunk.Count > 0)
            {
                return chunk;
            }
        }
    }

    /// <summary>These keys were never sent: tokens this run assigned are cleared, so a rerun needs no look-up for them.</summary>
    public void Release(IEnumerable<JournalRow> unsent) =>
        _journal.ReleaseTokens(unsent.Where(r => r.TokenFresh).Select(r => r.Seq).ToList());
}
