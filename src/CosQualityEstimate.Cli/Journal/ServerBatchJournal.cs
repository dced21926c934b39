using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The server-side batch of a journal (<c>cosqe batch --server-side</c>): the single row of the <c>server_batch</c> table (<c>id = 1</c>) of the
/// same SQLite file as <see cref="BatchJournal"/> (WAL, <c>synchronous=FULL</c>), through a connection of its own. Crash-safety
/// rule: the batch's unique <c>Name</c> (and input) is committed before the create is sent, the time a create may have
/// left is committed before it is sent, and the batch id as soon as it is known — so a rerun after kill -9 finds the batch
/// by name and never creates a second one for this journal. The per-object rows stay in <see cref="BatchJournal"/>'s
/// <c>keys</c> table, so <c>export</c> and <c>report</c> read them unchanged.
/// </summary>
internal sealed class ServerBatchJournal : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private bool _disposed;

    private ServerBatchJournal(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Opens the server-batch table of the journal at <paramref name="path"/> (the file <see cref="BatchJournal.Open"/> created).</summary>
    public static ServerBatchJournal Open(string path, TimeProvider time)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var journal = new ServerBatchJournal(connection, time);
            journal.Execute("PRAGMA busy_timeout=5000;");
            journal.Execute("PRAGMA synchronous=FULL;");
            // At most one server-side batch per journal: a single-row table (two runs at once share the first one's name).
            journal.Execute("""
                CREATE TABLE IF NOT EXISTS server_batch (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  name TEXT NOT NULL,
                  input_kind TEXT NOT NULL,
                  input TEXT NOT NULL,
                  create_sent TEXT,
                  batch_id TEXT,
                  probably_created INTEGER NOT NULL DEFAULT 0,
                  updated TEXT);
                """);
            if (journal.HasTable("server_batches"))
            {
                // A journal of an earlier cosqe (table server_batches, one row per name): its batch, the one with an id first.
                journal.Execute("""
                    INSERT OR IGNORE INTO server_batch(id, name, input_kind, input, create_sent, batch_id, updated)
                    SELECT 1, name, input_kind, input, create_sent, batch_id, updated FROM server_batches
                    ORDER BY batch_id IS NULL, create_sent IS NULL, updated LIMIT 1;
                    """);
            }

            return journal;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new CliUsageException($"cannot open journal {path}: {ex.Message}");
        }
    }

    /// <summary>The journal's server-side batch, or <see langword="null"/> when it has none yet.</summary>
    public ServerBatchRow? Read()
    {
        lock (_connection)
        {
            return ReadCore(null);
        }
    }

    private ServerBatchRow? ReadCore(SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, input_kind, input, create_sent, batch_id, probably_created FROM server_batch WHERE id = 1;";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new ServerBatchRow(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetInt64(5) != 0);
    }

    /// <summary>
    /// Commits the batch this journal stands for (its unique name and input) before anything is sent — unless another run
    /// committed one first: inside one <c>BEGIN IMMEDIATE</c> transaction it inserts only into an empty table and re-reads,
    /// so the row returned (the one every run uses) may carry another run's name.
    /// </summary>
    public ServerBatchRow Intend(string name, string inputKind, string input)
    {
        lock (_connection)
        {
            using var transaction = _connection.BeginTransaction(deferred: false); // BEGIN IMMEDIATE
            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT OR IGNORE INTO server_batch(id, name, input_kind, input, updated) VALUES (1, $n, $k, $i, $t);";
                command.Parameters.AddWithValue("$n", name);
                command.Parameters.AddWithValue("$k", inputKind);
                command.Parameters.AddWithValue("$i", input);
                command.Parameters.AddWithValue("$t", Now());
                command.ExecuteNonQuery();
            }

            var row = ReadCore(transaction)!;
            transaction.Commit();
            return row;
        }
    }

    /// <summary>
    /// Claims the create: commits that a create may leave from now on, only when no other run changed the send time since
    /// <paramref name="previous"/> was read (<see langword="null"/>: never sent) and no batch id is known. False when
    /// another run claimed it first (look the batch up by name instead of creating it).
    /// </summary>
    public bool TryClaimCreate(string name, DateTimeOffset? previous)
    {
        lock (_connection)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE server_batch SET create_sent = $t, updated = $t WHERE id = 1 AND name = $n AND batch_id IS NULL AND create_sent IS $p;";
            command.Parameters.AddWithValue("$t", Now());
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$p", previous is { } p ? Format(p) : DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>
    /// Keeps <c>create_sent</c> fresh (every <paramref name="every"/>) while a create call is in flight: the library may
    /// resend the create (after a look-up proved an earlier attempt created nothing) at any moment of the call, so after
    /// a kill the last value, plus <paramref name="every"/>, bounds the last send. Dispose it when the call returned.
    /// </summary>
    public IDisposable HoldCreateSent(string name, TimeSpan every)
    {
        var hold = new CreateSentHold(this, name);
        hold.Timer = _time.CreateTimer(static s => ((CreateSentHold)s!).Refresh(), hold, every, every);
        return hold;
    }

    /// <summary>Commits that the create was answered with success but unreadably and no look-up found the batch: a batch was probably created, so it is never created again.</summary>
    public void RecordProbablyCreated(string name) =>
        Write("UPDATE server_batch SET probably_created = 1, updated = $t WHERE id = 1 AND name = $n;", ("$n", name));

    /// <summary>Commits the batch id.</summary>
    public void RecordBatchId(string name, string batchId) =>
        Write("UPDATE server_batch SET batch_id = $b, updated = $t WHERE id = 1 AND name = $n;", ("$n", name), ("$b", batchId));

    public void Dispose()
    {
        lock (_connection)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }

    private void Write(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_connection)
        {
            WriteLocked(sql, parameters);
        }
    }

    private void WriteLocked(string sql, (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", Now());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private string Now() => Format(_time.GetUtcNow());

    private bool HasTable(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t;";
        command.Parameters.AddWithValue("$t", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The refresh of <c>create_sent</c> while a create is in flight; stops (and never writes again) once disposed.</summary>
    private sealed class CreateSentHold : IDisposable
    {
        private readonly ServerBatchJournal _journal;
        private readonly string _name;
        private bool _stopped;

        public CreateSentHold(ServerBatchJournal journal, string name)
        {
            _journal = journal;
            _name = name;
        }

        public ITimer? Timer { get; set; }

        public void Refresh()
        {
            lock (_journal._connection)
            {
                if (!_stopped && !_journal._disposed)
                {
                    _journal.WriteLocked("UPDATE server_batch SET create_sent = $t, updated = $t WHERE id = 1 AND name = $n;", [("$n", _name)]);
                }
            }
        }

        public void Dispose()
        {
            lock (_journal._connection)
            {
                _stopped = true;
            }

            Timer?.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>The server-side batch row of a journal.</summary>
internal sealed record ServerBatchRow(string Name, string InputKind, string Input, DateTimeOffset? CreateSent, string? BatchId, bool ProbablyCreated = false);
