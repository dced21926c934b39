using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

// The journal's operations for a local catalog (cosqe analyze); the batch's protocol is in BatchJournal.cs.
internal sealed partial class BatchJournal
{
    /// <summary>Forgets the results of <paramref name="seqs"/> (state, score, code, message, findings) so that they are
    /// picked up again as not done (<c>cosqe analyze</c>: a file that could not be read is tried again on a rerun).</summary>
    public void ClearResults(IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE keys SET state = NULL, score = NULL, code = NULL, message = NULL, findings = NULL, updated = $time WHERE seq = $s AND job_id IS NULL;";
            command.Parameters.AddWithValue("$time", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            var seq = command.Parameters.Add("$s", SqliteType.Integer);
            foreach (var s in seqs)
            {
                seq.Value = s;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
