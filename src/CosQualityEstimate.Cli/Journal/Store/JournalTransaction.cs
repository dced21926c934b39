using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal.Store;

/// <summary>Statements inside one transaction of <see cref="JournalDatabase.InTransaction{T}(Func{JournalTransaction, T}, bool)"/>
/// (valid only during that call, under the database's lock).</summary>
internal sealed class JournalTransaction : JournalSql
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    internal JournalTransaction(SqliteConnection connection, SqliteTransaction transaction, JournalIo io)
    {
        _connection = connection;
        _transaction = transaction;
        Io = io;
    }

    /// <inheritdoc/>
    public override JournalIo Io { get; }

    /// <summary>A command in this transaction, to prepare once and run with changing parameters (the caller disposes it).</summary>
    public SqliteCommand Command(string sql) => Prepare(_connection, _transaction, sql, []);

    /// <inheritdoc/>
    protected override T Run<T>(string sql, (string Name, object Value)[] parameters, Func<SqliteCommand, T> body)
    {
        using var command = Prepare(_connection, _transaction, sql, parameters);
        return body(command);
    }
}
