using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal.Store;

/// <summary>
/// Statements run on a journal's connection: on their own (<see cref="JournalDatabase"/>, each committed by itself) or
/// inside one transaction (<see cref="JournalTransaction"/>). Only the Journal folder's types use it.
/// </summary>
internal abstract class JournalSql
{
    /// <summary>The counters of the connection these statements run on.</summary>
    public abstract JournalIo Io { get; }

    /// <summary>Runs one statement with parameters; returns the rows changed.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters) =>
        Run(sql, parameters, static command => command.ExecuteNonQuery());

    /// <summary>The first column of the first row of <paramref name="sql"/>, or <see langword="null"/> (also for SQL NULL).</summary>
    public object? Scalar(string sql, params (string Name, object Value)[] parameters) =>
        Run(sql, parameters, static command => command.ExecuteScalar() is { } value and not DBNull ? value : null);

    /// <summary>A count (or any integer) <paramref name="sql"/> returns (0 for none).</summary>
    public long Count(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(Scalar(sql, parameters) ?? 0L, CultureInfo.InvariantCulture);

    /// <summary>The rows of <paramref name="sql"/>, each mapped by <paramref name="map"/>.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object Value)[] parameters) =>
        Run(sql, parameters, command =>
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
                Io.RowsRead++;
            }

            return rows;
        });

    /// <summary>Whether the table <paramref name="table"/> exists.</summary>
    public bool HasTable(string table) =>
        Count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $t;", ("$t", table)) > 0;

    /// <summary>Whether <paramref name="table"/> has the column <paramref name="column"/>.</summary>
    public bool HasColumn(string table, string column) =>
        Count("SELECT COUNT(*) FROM pragma_table_info($t) WHERE name = $c;", ("$t", table), ("$c", column)) > 0;

    /// <summary>Prepares <paramref name="sql"/> with <paramref name="parameters"/> and runs <paramref name="body"/> on it.</summary>
    protected abstract T Run<T>(string sql, (string Name, object Value)[] parameters, Func<SqliteCommand, T> body);

    /// <summary>A command on <paramref name="connection"/> (in <paramref name="transaction"/> when given) with its parameters.</summary>
    protected SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        Io.Statements++;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
