using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The local catalog of <c>cosqe analyze --journal</c>: one row per local file (its full path, so a rerun from any
/// directory finds the same rows) on a <see cref="JournalFile"/> marked <see cref="JournalFile.LocalAnalysisKind"/>.
/// Which files still need work is one rule, <see cref="UnanalysedSql"/> (<see cref="ReadUnanalysed"/>); a result that
/// must be tried again is forgotten with <see cref="ClearResults"/> first. All methods are thread-safe.
/// </summary>
internal sealed class AnalysisJournal : IDisposable
{
    /// <summary>The local catalog's rule for a file that still needs work: no result recorded.</summary>
    public const string UnanalysedSql = "state IS NULL";

    private AnalysisJournal(JournalFile file) => File = file;

    /// <summary>The journal's file (shared operations).</summary>
    public JournalFile File { get; }

    /// <summary>The journal's full path.</summary>
    public string Path => File.Path;

    /// <summary>
    /// Opens (creating when missing) the catalog at <paramref name="path"/>; a journal of another kind (a batch journal of
    /// object keys) is a <see cref="CliUsageException"/>. Timestamps come from <paramref name="time"/>.
    /// </summary>
    public static AnalysisJournal Open(string path, TimeProvider time)
    {
        var file = JournalFile.Open(path, create: true, time);
        try
        {
            var kind = file.GetMeta(JournalFile.KindMeta);
            if (kind is null && file.Count().Keys == 0)
            {
                file.SetMeta(JournalFile.KindMeta, JournalFile.LocalAnalysisKind);
            }
            else if (!string.Equals(kind, JournalFile.LocalAnalysisKind, StringComparison.Ordinal))
            {
                throw new CliUsageException($"{file.Path} is a batch journal of object keys; give cosqe analyze its own --journal file.");
            }

            return new AnalysisJournal(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The meta entry recording the <c>--shard K/N</c> a catalog was written for (absent: all files).</summary>
    public const string ShardMeta = "shard";

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

    /// <summary>Adds files not yet in the catalog (in order); returns how many were new.</summary>
    public Task<int> AddKeysAsync(IAsyncEnumerable<string> keys, CancellationToken cancellationToken) => File.AddKeysAsync(keys, cancellationToken);

    /// <summary>Every file that still needs work (<see cref="UnanalysedSql"/>), in order.</summary>
    public List<JournalRow> ReadUnanalysed() => File.EnumerateWhere(UnanalysedSql).ToList();

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

        File.InTransaction(
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
