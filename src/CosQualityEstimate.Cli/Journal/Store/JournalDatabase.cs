using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal.Store;

/// <summary>
/// The one SQLite connection of a journal file and the only place SQL text is run: the journal's own types (each kind's
/// table, frames, facts, the schema's migrations) run their statements through it; nothing outside the Journal folder
/// uses it (docs/architecture.md: JournalStore is used by Journal alone), so commands work on typed rows. Every call holds
/// one (reentrant) lock, so the connection is used by one thread at a time.
/// </summary>
internal sealed class JournalDatabase : JournalSql, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private JournalDatabase(SqliteConnection connection) => _connection = connection;

    /// <inheritdoc/>
    public override JournalIo Io { get; } = new();

    /// <summary>
    /// Rows this connection inserted, updated or deleted since it was opened (SQLite's <c>total_changes()</c>; asking is
    /// not counted in <see cref="Io"/>).
    /// </summary>
    public long RowsWritten
    {
        get
        {
            lock (_gate)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT total_changes();";
                return (long)command.ExecuteScalar()!;
            }
        }
    }

    /// <summary>True once disposed (a timer that fires late writes nothing).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Opens the database file at <paramref name="fullPath"/> (creating it when <paramref name="create"/>), without pooling; a SQLite failure propagates.</summary>
    public static JournalDatabase Open(string fullPath, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return new JournalDatabase(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> on one prepared command inside one committed (fsynced) transaction.</summary>
    public T InTransaction<T>(string sql, Func<SqliteCommand, T> body) =>
        InTransaction(transaction =>
        {
            using var command = transaction.Command(sql);
            return body(command);
        });

    /// <summary>Runs <paramref name="body"/> inside one committed (fsynced) transaction; <paramref name="immediate"/>:
    /// <c>BEGIN IMMEDIATE</c> (the write lock is taken before anything is read, so two processes cannot both read-then-write).</summary>
    public T InTransaction<T>(Func<JournalTransaction, T> body, bool immediate = false)
    {
        lock (_gate)
        {
            using var transaction = immediate ? _connection.BeginTransaction(deferred: false) : _connection.BeginTransaction();
            var result = body(new JournalTransaction(_connection, transaction, Io));
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs <paramref name="body"/> under the lock when the database is still open (false when it was disposed).</summary>
    public bool IfOpen(Action body)
    {
        lock (_gate)
        {
            if (IsDisposed)
            {
                return false;
            }

            body();
            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            IsDisposed = true;
            _connection.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override T Run<T>(string sql, (string Name, object Value)[] parameters, Func<SqliteCommand, T> body)
    {
        lock (_gate)
        {
            using var command = Prepare(_connection, null, sql, parameters);
            return body(command);
        }
    }
}
