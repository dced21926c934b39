using System.Globalization;
using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The journal's SQLite file, whatever its kind: a database in WAL mode with <c>synchronous=FULL</c>, a <c>meta</c>
/// table and one <c>keys</c> row per key. It holds what every kind shares — opening, meta entries, adding keys,
/// recording results and reading rows back — and nothing of a kind's own rules: the batch protocol is
/// <see cref="BatchJournal"/>'s, the local catalog's is <see cref="AnalysisJournal"/>'s, and <c>export</c>/<c>report</c>
/// read any kind through this type alone. Every timestamp comes from the <see cref="TimeProvider"/> given to
/// <see cref="Open"/>. All methods are thread-safe.
/// </summary>
internal sealed class JournalFile : IDisposable
{
    /// <summary>The meta entry naming what a journal holds (absent: a batch journal of object keys).</summary>
    public const string KindMeta = "kind";

    /// <summary>The <see cref="KindMeta"/> value of a journal written by <c>cosqe analyze</c> (local paths, not object keys).</summary>
    public const string LocalAnalysisKind = "local-analysis";

    private const int SchemaVersion = 1;
    private const int PageSize = 2000;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private JournalFile(SqliteConnection connection, TimeProvider time, string path)
    {
        _connection = connection;
        Time = time;
        Path = path;
    }

    /// <summary>The journal's full path.</summary>
    public string Path { get; }

    /// <summary>The clock of every timestamp this journal writes.</summary>
    public TimeProvider Time { get; }

    /// <summary>True when <c>cosqe analyze</c> wrote this journal (its keys are local paths).</summary>
    public bool IsLocalAnalysis => GetMeta(KindMeta) == LocalAnalysisKind;

    /// <summary>Opens (creating when <paramref name="create"/>) the journal at <paramref name="path"/>; timestamps come from <paramref name="time"/>.</summary>
    public static JournalFile Open(string path, bool create, TimeProvider time)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!create && !File.Exists(full))
        {
            throw new CliUsageException($"journal not found: {path}");
        }

        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new CliUsageException($"the journal's directory does not exist: {directory}");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var journal = new JournalFile(connection, time, full);
            journal.Initialize();
            return journal;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new CliUsageException($"cannot open journal {path}: {ex.Message}");
        }
    }

    /// <summary>
    /// Opens an existing journal to read it (<c>export</c>, <c>report</c>) without creating or changing anything in it: a
    /// missing file, a file that is not SQLite, or a SQLite database that is not a cosqe journal (no <c>keys</c> table, or
    /// another schema version) is a <see cref="CliUsageException"/> (exit 2).
    /// </summary>
    public static JournalFile OpenExisting(string path, TimeProvider time)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CliUsageException($"journal not found: {path}");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var journal = new JournalFile(connection, time, full);
            journal.Execute("PRAGMA busy_timeout=5000;");
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('meta', 'keys');";
            if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 2
                || journal.GetMeta("schema") != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new CliUsageException($"{path} is not a cosqe journal (or has an unsupported schema version).");
            }

            return journal;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new CliUsageException($"cannot open journal {path}: {ex.Message}");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Initialize()
    {
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("PRAGMA busy_timeout=5000;");
        Execute("""
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS keys (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              key TEXT NOT NULL UNIQUE,
              client_token TEXT,
              token_time TEXT,
              job_id TEXT,
              state TEXT,
              score REAL,
              code TEXT,
              message TEXT,
              findings TEXT,
              updated TEXT);
            """);
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO meta(name, value) VALUES ('schema', $v);";
        command.Parameters.AddWithValue("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
        if (GetMeta("schema") != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new CliUsageException($"journal {Path} has an unsupported schema version {GetMeta("schema")}.");
        }
    }

    /// <summary>A meta entry, or <see langword="null"/>.</summary>
    public string? GetMeta(string name)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE name = $n;";
            command.Parameters.AddWithValue("$n", name);
            return command.ExecuteScalar() as string;
        }
    }

    /// <summary>Commits a meta entry.</summary>
    public void SetMeta(string name, string value)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO meta(name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = excluded.value;";
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$v", value);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Adds keys not yet in the journal (in order); returns how many were new.</summary>
    public async Task<int> AddKeysAsync(IAsyncEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var added = 0;
        var chunk = new List<string>(4096);
        await foreach (var key in keys.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(key);
            if (chunk.Count == chunk.Capacity)
            {
                added += Insert(chunk);
                chunk.Clear();
            }
        }

        added += Insert(chunk);
        return added;
    }

    private int Insert(List<string> keys)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        return InTransaction(
            "INSERT OR IGNORE INTO keys(key) VALUES ($k);",
            command =>
            {
                var parameter = command.Parameters.Add("$k", SqliteType.Text);
                var added = 0;
                foreach (var key in keys)
                {
                    parameter.Value = key;
                    added += command.ExecuteNonQuery();
                }

                return added;
            });
    }

    /// <summary>
    /// Commits the latest known state of jobs (results, codes and findings of finished ones; each result record carries
    /// its source, see <see cref="JournalFindings"/>; <paramref name="unmarked"/> is what a result without a marker is).
    /// A job with an empty id (a local analysis) leaves <c>job_id</c> NULL.
    /// </summary>
    public void RecordStates(IReadOnlyList<(long Seq, JobDetail Job)> jobs, QualityEstimateSource unmarked)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        InTransaction(
            "UPDATE keys SET job_id = COALESCE(job_id, $j), state = $st, score = $sc, code = $c, message = $m, findings = $f, updated = $time WHERE seq = $s;",
            command =>
            {
                var state = command.Parameters.Add("$st", SqliteType.Text);
                var score = command.Parameters.Add("$sc", SqliteType.Real);
                var code = command.Parameters.Add("$c", SqliteType.Text);
                var message = command.Parameters.Add("$m", SqliteType.Text);
                var findings = command.Parameters.Add("$f", SqliteType.Text);
                var seq = command.Parameters.Add("$s", SqliteType.Integer);
                var jobId = command.Parameters.Add("$j", SqliteType.Text);
                command.Parameters.AddWithValue("$time", Now());
                foreach (var (s, job) in jobs)
                {
                    // A local analysis (cosqe analyze) has no job id: job_id stays NULL.
                    jobId.Value = job.JobId.Length > 0 ? job.JobId : DBNull.Value;
                    state.Value = JournalState.Of(job).Name;
                    score.Value = job.QualityEstimate?.Score is { } value && double.IsFinite(value) ? value : DBNull.Value;
                    code.Value = (object?)job.Code ?? DBNull.Value;
                    message.Value = (object?)job.Message ?? DBNull.Value;
                    findings.Value = (object?)JournalFindings.Write(job.QualityEstimate, unmarked, Results.ModeLabels.Of(job)) ?? DBNull.Value;
                    seq.Value = s;
                    command.ExecuteNonQuery();
                }

                return jobs.Count;
            });
    }

    /// <summary>Every row, in order.</summary>
    public List<JournalRow> ReadAll() => Query("SELECT * FROM keys ORDER BY seq;");

    /// <summary>Streams every row (export and report of large journals).</summary>
    public IEnumerable<JournalRow> EnumerateAll() => EnumerateWhere("TRUE");

    /// <summary>Streams the rows matching <paramref name="where"/> (an SQL condition on <c>keys</c>), in pages, in order.</summary>
    public IEnumerable<JournalRow> EnumerateWhere(string where)
    {
        long after = 0;
        while (true)
        {
            var page = Query($"SELECT * FROM keys WHERE seq > $after AND ({where}) ORDER BY seq LIMIT {PageSize};", ("$after", after));
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>Totals over the journal.</summary>
    public JournalCounts Count()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                SELECT COUNT(*),
                       COUNT(job_id),
                       COALESCE(SUM(CASE WHEN state = '{JournalState.Success.Name}' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state IN ({JournalState.FailureSql}) THEN 1 ELSE 0 END), 0)
                FROM keys;
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            return new JournalCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }
    }

    /// <summary>The journal clock's now, as stored.</summary>
    public string Now() => Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="body"/> on one prepared command inside one committed (fsynced) transaction.</summary>
    public T InTransaction<T>(string sql, Func<SqliteCommand, T> body)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var result = body(command);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Runs one statement with parameters.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command.ExecuteNonQuery();
        }
    }

    /// <summary>The rows an SQL query over <c>keys</c> returns.</summary>
    public List<JournalRow> Query(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<JournalRow>();
            while (reader.Read())
            {
                rows.Add(new JournalRow(
                    reader.GetInt64(reader.GetOrdinal("seq")),
                    reader.GetString(reader.GetOrdinal("key")),
                    GetString(reader, "client_token"),
                    GetTime(reader, "token_time"),
                    GetString(reader, "job_id"),
                    GetString(reader, "state") is { } state ? new JournalState(state) : null,
                    reader.IsDBNull(reader.GetOrdinal("score")) ? null : reader.GetDouble(reader.GetOrdinal("score")),
                    GetString(reader, "code"),
                    GetString(reader, "message"),
                    GetString(reader, "findings"))
                {
                    Updated = GetTime(reader, "updated"),
                });
            }

            return rows;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private static string? GetString(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private static DateTimeOffset? GetTime(SqliteDataReader reader, string column) =>
        GetString(reader, column) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;
}
