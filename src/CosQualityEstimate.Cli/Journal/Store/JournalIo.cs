namespace CosQualityEstimate.Cli.Journal.Store;

/// <summary>
/// What one journal connection has done: statements prepared and rows read back (<see cref="JournalSql.Query{T}"/>).
/// Rows written are SQLite's own count (<see cref="JournalDatabase.RowsWritten"/>). The connection is used by one thread
/// at a time (under <see cref="JournalDatabase"/>'s lock), so plain increments are enough. Tests count a collection
/// round's journal work with it (a round reads and writes what changed, not the whole journal).
/// </summary>
internal sealed class JournalIo
{
    /// <summary>Statements prepared (a statement prepared once and run for many rows counts once).</summary>
    public long Statements { get; set; }

    /// <summary>Rows read back by queries.</summary>
    public long RowsRead { get; set; }
}
