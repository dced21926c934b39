using System.Globalization;
using CosQualityEstimate.Cli.Journal.Store;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The server-side batch of a journal (<c>cosqe batch --server-side</c>, <see cref="JournalKind.ServerSideBatch"/>): the
/// single row (<c>id = 1</c>) of the schema's <c>server_batch</c> table (<see cref="TableSql"/>), on the journal's one
/// connection (<see cref="BatchJournal.ServerBatch"/>). Crash-safety rule: the batch's unique <c>Name</c> (and input) is
/// committed before the create is sent, the time a create may have left is committed before it is sent, and the batch id
/// as soon as it is known — so a rerun after kill -9 finds the batch by name and never creates a second one for this
/// journal. The per-object rows stay in <see cref="BatchJournal"/>'s <c>keys</c> rows, so <c>export</c> and <c>report</c>
/// read them unchanged.
/// </summary>
internal sealed class ServerBatchJournal
{
    /// <summary>The table (schema version 2): at most one server-side batch per journal (two runs at once share the first one's name).</summary>
    public const string TableSql = """
        CREATE TABLE IF NOT EXISTS server_batch (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          name TEXT NOT NULL,
          input_kind TEXT NOT NULL,
          input TEXT NOT NULL,
          create_sent TEXT,
          batch_id TEXT,
          probably_created INTEGER NOT NULL DEFAULT 0,
          updated TEXT);
        """;

    private const string SelectSql = "SELECT name, input_kind, input, create_sent, batch_id, probably_created FROM server_batch WHERE id = 1;";

    private readonly JournalFile _file;

    internal ServerBatchJournal(JournalFile file) => _file = file;

    private JournalDatabase Database => _file.Database;

    /// <summary>The journal's server-side batch, or <see langword="null"/> when it has none yet.</summary>
    public ServerBatchRow? Read() => Read(Database);

    /// <summary>
    /// Commits the batch this journal stands for (its unique name and input) before anything is sent — unless another run
    /// committed one first: inside one <c>BEGIN IMMEDIATE</c> transaction it inserts only into an empty table and re-reads,
    /// so the row returned (the one every run uses) may carry another run's name.
    /// </summary>
    public ServerBatchRow Intend(string name, string inputKind, string input) =>
        Database.InTransaction(
            sql =>
            {
                sql.Execute(
                    "INSERT OR IGNORE INTO server_batch(id, name, input_kind, input, updated) VALUES (1, $n, $k, $i, $t);",
                    ("$n", name),
                    ("$k", inputKind),
                    ("$i", input),
                    ("$t", _file.Now()));
                return Read(sql)!;
            },
            immediate: true);

    /// <summary>
    /// Claims the create: commits that a create may leave from now on, only when no other run changed the send time since
    /// <paramref name="previous"/> was read (<see langword="null"/>: never sent) and no batch id is known. False when
    /// another run claimed it first (look the batch up by name instead of creating it).
    /// </summary>
    public bool TryClaimCreate(string name, DateTimeOffset? previous) =>
        Database.Execute(
            "UPDATE server_batch SET create_sent = $t, updated = $t WHERE id = 1 AND name = $n AND batch_id IS NULL AND create_sent IS $p;",
            ("$t", _file.Now()),
            ("$n", name),
            ("$p", previous is { } p ? p.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value)) == 1;

    /// <summary>
    /// Keeps <c>create_sent</c> fresh (every <paramref name="every"/>) while a create call is in flight: the library may
    /// resend the create (after a look-up proved an earlier attempt created nothing) at any moment of the call, so after
    /// a kill the last value, plus <paramref name="every"/>, bounds the last send. Dispose it when the call returned.
    /// </summary>
    public IDisposable HoldCreateSent(string name, TimeSpan every)
    {
        var hold = new CreateSentHold(this, name);
        hold.Timer = _file.Time.CreateTimer(static s => ((CreateSentHold)s!).Refresh(), hold, every, every);
        return hold;
    }

    /// <summary>Commits that the create was answered with success but unreadably and no look-up found the batch: a batch was probably created, so it is never created again.</summary>
    public void RecordProbablyCreated(string name) =>
        Database.Execute("UPDATE server_batch SET probably_created = 1, updated = $t WHERE id = 1 AND name = $n;", ("$n", name), ("$t", _file.Now()));

    /// <summary>Commits the batch id.</summary>
    public void RecordBatchId(string name, string batchId) =>
        Database.Execute("UPDATE server_batch SET batch_id = $b, updated = $t WHERE id = 1 AND name = $n;", ("$n", name), ("$b", batchId), ("$t", _file.Now()));

    private void RefreshCreateSent(string name) =>
        Database.Execute("UPDATE server_batch SET create_sent = $t, updated = $t WHERE id = 1 AND name = $n;", ("$n", name), ("$t", _file.Now()));

    private static ServerBatchRow? Read(JournalSql sql) =>
        sql.Query(SelectSql, Map).FirstOrDefault();

    private static ServerBatchRow Map(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetInt64(5) != 0);

    /// <summary>The refresh of <c>create_sent</c> while a create is in flight; stops (and never writes again) once disposed
    /// or once the journal is closed.</summary>
    private sealed class CreateSentHold : IDisposable
    {
        private readonly ServerBatchJournal _journal;
        private readonly string _name;
        private readonly Lock _gate = new();
        private bool _stopped;

        public CreateSentHold(ServerBatchJournal journal, string name)
        {
            _journal = journal;
            _name = name;
        }

        public ITimer? Timer { get; set; }

        public void Refresh()
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    _journal.Database.IfOpen(() => _journal.RefreshCreateSent(_name));
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stopped = true;
            }

            Timer?.Dispose();
        }
    }
}

/// <summary>The server-side batch row of a journal.</summary>
internal sealed record ServerBatchRow(string Name, string InputKind, string Input, DateTimeOffset? CreateSent, string? BatchId, bool ProbablyCreated = false);
