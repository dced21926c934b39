using CosQualityEstimate.Cli.Journal.Store;
using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The local catalog of <c>cosqe analyze --journal</c> (<see cref="JournalKind.Analysis"/>): one row per local file on a
/// <see cref="JournalFile"/>, keyed by the file's '/'-separated path relative to its argument root (a directory argument:
/// the path below it; a file argument: its name), with that root kept next to it (<see cref="KeyColumns"/>). So shard
/// journals written on machines that mount the catalog at different paths share their keys (a merge detects the same
/// file in two journals), and a rerun with the catalog mounted elsewhere finds the same rows (their root is updated).
/// Which files still need work is one rule, <see cref="UnanalysedSql"/> (<see cref="ReadUnanalysed"/>); a result that
/// must be tried again is forgotten with <see cref="ClearResults"/> first. A row written before keys were relative (its
/// key the full path, no root) is re-keyed when <see cref="AddFiles"/> is given that file again, with its results, facts
/// and frames. All methods are thread-safe.
/// </summary>
internal sealed class AnalysisJournal : IDisposable
{
    /// <summary>The <c>keys</c> column of the catalog: the argument root the key is relative to (NULL: a row of an older
    /// cosqe, keyed by its full path; and every batch row).</summary>
    public const string KeyColumns = "root TEXT";

    /// <summary>The meta entry recording the <c>--shard K/N</c> a catalog was written for (absent: all files).</summary>
    public const string ShardMeta = "shard";

    /// <summary>The local catalog's rule for a file that still needs work: no result recorded.</summary>
    private const string UnanalysedSql = "state IS NULL";

    private const int ChunkSize = 4096;

    private AnalysisJournal(JournalFile file) => File = file;

    /// <summary>The journal's file (shared operations).</summary>
    public JournalFile File { get; }

    /// <summary>The journal's full path.</summary>
    public string Path => File.Path;

    /// <summary>
    /// Opens (creating when missing) the catalog at <paramref name="path"/>; a journal of another kind (a batch journal of
    /// object keys) is a <see cref="CliUsageException"/>. Timestamps come from <paramref name="time"/>.
    /// </summary>
    public static AnalysisJournal Open(string path, TimeProvider time) => new(JournalFile.Open(path, JournalKind.Analysis, create: true, time));

    /// <summary>
    /// Binds the catalog to one shard (<c>K/N</c>, or <see langword="null"/> for all files): a new catalog records it; a
    /// catalog written for another shard is a <see cref="CliUsageException"/>, so a rerun with a different <c>--shard</c>
    /// cannot mix two assignments into one journal.
    /// </summary>
    public void BindShard(string? shard)
    {
        var recorded = File.GetMeta(ShardMeta);
        if (recorded is null && File.Count().Keys == 0)
        {
            if (shard is not null)
            {
                File.SetMeta(ShardMeta, shard);
            }

            return;
        }

        if (!string.Equals(recorded, shard, StringComparison.Ordinal))
        {
            throw new CliUsageException($"{Path} was written for {(recorded is null ? "all files (no --shard)" : "--shard " + recorded)}, not {(shard is null ? "all files" : "--shard " + shard)}: give each shard its own --journal file.");
        }
    }

    /// <summary>
    /// Adds the files not yet in the catalog (in order; a file already in it under another root follows this run's root
    /// when the catalog moved, and is a <see cref="CliUsageException"/> when it is another tree, see <see cref="Move"/>) and re-keys the rows of an older cosqe that name these files by their
    /// full path; returns how many files were new.
    /// </summary>
    public int AddFiles(IReadOnlyList<CatalogFile> files)
    {
        var legacy = File.Database.Count("SELECT COUNT(*) FROM keys WHERE root IS NULL;") > 0;
        var added = 0;
        foreach (var chunk in files.Chunk(ChunkSize))
        {
            added += File.Database.InTransaction(sql =>
            {
                if (legacy)
                {
                    var frames = sql.HasTable("frames");
                    var media = sql.HasTable("media");
                    foreach (var file in chunk)
                    {
                        var old = file.FullPath;
                        if (sql.Execute("UPDATE OR IGNORE keys SET key = $k, root = $r WHERE key = $old AND root IS NULL;", ("$k", file.Key), ("$r", file.Root), ("$old", old)) == 1)
                        {
                            if (frames)
                            {
                                JournalFrames.RenameKey(sql, old, file.Key);
                            }

                            if (media)
                            {
                                JournalMedia.RenameKey(sql, old, file.Key);
                            }
                        }
                    }
                }

                using var insert = sql.Command("INSERT OR IGNORE INTO keys(key, root) VALUES ($k, $r);");
                var key = insert.Parameters.Add("$k", SqliteType.Text);
                var root = insert.Parameters.Add("$r", SqliteType.Text);
                var count = 0;
                foreach (var file in chunk)
                {
                    key.Value = file.Key;
                    root.Value = file.Root;
                    if (insert.ExecuteNonQuery() == 1)
                    {
                        count++;
                    }
                    else if (sql.Scalar("SELECT root FROM keys WHERE key = $k;", ("$k", file.Key)) is string recorded && recorded != file.Root)
                    {
                        Move(sql, file, recorded);
                    }
                }

                return count;
            });
        }

        return added;
    }

    /// <summary>
    /// A key already in the catalog under another root: the catalog was mounted elsewhere (the file is no longer where the
    /// row says, e.g. another machine), so the row follows it; when the recorded file still exists, this is another file
    /// with the same relative path (another tree), and mixing the two would skip it: exit 2.
    /// </summary>
    private void Move(JournalSql sql, CatalogFile file, string recorded)
    {
        var before = new CatalogFile(recorded, file.Key);
        if (System.IO.File.Exists(before.FullPath) && before.FullPath != file.FullPath)
        {
            throw new CliUsageException($"{Path} already holds {file.Key} of {recorded}; {file.FullPath} is another file with the same path below its argument: give that tree its own --journal file.");
        }

        sql.Execute("UPDATE keys SET root = $r WHERE key = $k;", ("$r", file.Root), ("$k", file.Key));
    }

    /// <summary>Every file that still needs work (<see cref="UnanalysedSql"/>), in order.</summary>
    public List<JournalRow> ReadUnanalysed() => JournalRows.Stream(File.Database, UnanalysedSql).ToList();

    /// <summary>Every row, in order.</summary>
    public List<JournalRow> ReadAll() => File.ReadAll();

    /// <summary>Commits outcomes; a local analysis marks its own results, so nothing here is unmarked (were it, it would read <c>unknown</c>).</summary>
    public void RecordStates(IReadOnlyList<(long Seq, JobDetail Job)> jobs) => File.RecordStates(jobs, QualityEstimateSource.Unknown);

    /// <summary>Forgets the results of <paramref name="seqs"/> (state, score, code, message, findings) so that they are
    /// picked up again as not done (a file that could not be read is tried again on a rerun).</summary>
    public void ClearResults(IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        File.Database.InTransaction(
            "UPDATE keys SET state = NULL, score = NULL, code = NULL, message = NULL, findings = NULL, updated = $time WHERE seq = $s AND job_id IS NULL;",
            command =>
            {
                command.Parameters.AddWithValue("$time", File.Now());
                var seq = command.Parameters.Add("$s", SqliteType.Integer);
                foreach (var s in seqs)
                {
                    seq.Value = s;
                    command.ExecuteNonQuery();
                }

                return seqs.Count;
            });
    }

    /// <summary>Totals over the catalog.</summary>
    public JournalCounts Count() => File.Count();

    /// <inheritdoc/>
    public void Dispose() => File.Dispose();
}

/// <summary>One file of the catalog: its argument root (a full path on this machine) and its key, the '/'-separated path relative to that root.</summary>
internal sealed record CatalogFile(string Root, string Key)
{
    /// <summary>The file's full path on this machine.</summary>
    public string FullPath => Path.GetFullPath(Path.Join(Root, Key));
}
