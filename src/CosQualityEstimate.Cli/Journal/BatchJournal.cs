using System.Globalization;
using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The batch journal: a SQLite database in WAL mode with <c>synchronous=FULL</c>, one row per key.
/// Crash-safety rules (see docs/cli.md): a key's client token is committed before its submit is sent; the job id is
/// committed as soon as the submit returns; a key with a token and no job id is "in doubt" and is reconciled with the
/// service before anything is resent (and is then resent with the same token); no submit is sent outside a committed send
/// lease (<see cref="SendLeaseMeta"/>), which bounds when a dead run could last have sent. Every timestamp comes from
/// the <see cref="TimeProvider"/> given to <see cref="Open"/>. All methods are thread-safe.
/// </summary>
internal sealed partial class BatchJournal : IDisposable
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private BatchJournal(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    public string Path { get; private init; } = string.Empty;

    /// <summary>Opens (creating when <paramref name="create"/>) the journal at <paramref name="path"/>; timestamps come from <paramref name="time"/> (default: the system clock).</summary>
    public static BatchJournal Open(string path, bool create, TimeProvider? time = null)
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
            var journal = new BatchJournal(connection, time ?? TimeProvider.System) { Path = full };
            journal.Initialize();
            return journal;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new CliUsageException($"cannot open journal {path}: {ex.Message}");
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


    /// <summary>What a result without a source marker is recorded as. The caller says it (cosqe batch: the configuration's
    /// <c>UnmarkedSource</c>, <see cref="QualityEstimateSource.Service"/> only for the real service's endpoint); until it does,
    /// an unmarked result is recorded <see cref="QualityEstimateSource.Unknown"/> — never assumed to be the service's.</summary>
    public QualityEstimateSource UnmarkedSource { get; set; } = QualityEstimateSource.Unknown;

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

    /// <summary>The meta entry holding the send lease: no submit of the run that wrote it is sent after this time.</summary>
    public const string SendLeaseMeta = "send_lease_until";

    /// <summary>
    /// The latest moment a previous run could have sent a submit (its committed send lease), or <see langword="null"/>
    /// when no lease was ever written (a journal from a version without leases: nothing bounds its sends).
    /// </summary>
    public DateTimeOffset? ReadSendLease() =>
        GetMeta(SendLeaseMeta) is { } value && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until) ? until : null;

    /// <summary>Commits (fsynced) the send lease: this run sends no submit after <paramref name="until"/> without renewing it.</summary>
    public void WriteSendLease(DateTimeOffset until) => SetMeta(SendLeaseMeta, until.ToString("O", CultureInfo.InvariantCulture));

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

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO keys(key) VALUES ($k);";
            var parameter = command.Parameters.Add("$k", SqliteType.Text);
            var added = 0;
            foreach (var key in keys)
            {
                parameter.Value = key;
                added += command.ExecuteNonQuery();
            }

            transaction.Commit();
            return added;
        }
    }

    /// <summary>Keys with a client token and no job id: their submit may or may not have reached the service.</summary>
    public List<JournalRow> ReadInDoubt() =>
        Query("SELECT * FROM keys WHERE job_id IS NULL AND client_token IS NOT NULL AND state IS NULL ORDER BY seq;");

    /// <summary>The next keys (after <paramref name="afterSeq"/>) that have no job yet and were not rejected.</summary>
    public List<JournalRow> ReadUnsubmitted(long afterSeq, int limit)
    {
        return Query(
            "SELECT * FROM keys WHERE seq > $after AND job_id IS NULL AND state IS NULL ORDER BY seq LIMIT $limit;",
            ("$after", afterSeq),
            ("$limit", limit));
    }

    /// <summary>Jobs submitted and not finished yet.</summary>
    public List<JournalRow> ReadOpenJobs() =>
        Query($"SELECT * FROM keys WHERE job_id IS NOT NULL AND (state IS NULL OR state NOT IN ({JournalState.TerminalSql})) ORDER BY seq;");

    public List<JournalRow> ReadAll() => Query("SELECT * FROM keys ORDER BY seq;");

    /// <summary>Streams every row (export and report of large journals).</summary>
    public IEnumerable<JournalRow> EnumerateAll()
    {
        long after = 0;
        while (true)
        {
            var page = Query("SELECT * FROM keys WHERE seq > $after ORDER BY seq LIMIT 2000;", ("$after", after));
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < 2000)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>
    /// Commits client tokens (one transaction, fsynced) — before any of their submits is sent — stamped with the journal's
    /// clock, or with <paramref name="tokenTime"/> when given (a test that recreates a dead run's journal).
    /// </summary>
    public void AssignTokens(IReadOnlyList<(long Seq, string Token)> tokens, DateTimeOffset? tokenTime = null)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var now = tokenTime ?? _time.GetUtcNow();
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE keys SET client_token = $t, token_time = $time, updated = $time WHERE seq = $s AND job_id IS NULL;";
            var token = command.Parameters.Add("$t", SqliteType.Text);
            var seq = command.Parameters.Add("$s", SqliteType.Integer);
            command.Parameters.AddWithValue("$time", now.ToString("O", CultureInfo.InvariantCulture));
            foreach (var (s, t) in tokens)
            {
                token.Value = t;
                seq.Value = s;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Clears tokens this run assigned but never sent (a clean stop), so a rerun needs no look-up for them.</summary>
    public void ReleaseTokens(IReadOnlyList<long> seqs)
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
            command.CommandText = "UPDATE keys SET client_token = NULL, token_time = NULL WHERE seq = $s AND job_id IS NULL;";
            var seq = command.Parameters.Add("$s", SqliteType.Integer);
            foreach (var s in seqs)
            {
                seq.Value = s;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Commits job ids (and states) of submits that returned, or jobs found by reconciliation.</summary>
    public void RecordSubmitted(IReadOnlyList<(long Seq, string JobId, JournalState State)> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"UPDATE keys SET job_id = $j, state = CASE WHEN state IS NULL OR state NOT IN ({JournalState.TerminalSql}) THEN $st ELSE state END, updated = $time WHERE seq = $s;";
            var job = command.Parameters.Add("$j", SqliteType.Text);
            var state = command.Parameters.Add("$st", SqliteType.Text);
            var seq = command.Parameters.Add("$s", SqliteType.Integer);
            command.Parameters.AddWithValue("$time", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            foreach (var (s, j, st) in jobs)
            {
                job.Value = j;
                state.Value = st.Name;
                seq.Value = s;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Marks a key whose submit the service refused for that key alone (no job exists).</summary>
    public void RecordRejected(long seq, string code, string message)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE keys SET state = $st, code = $c, message = $m, updated = $time WHERE seq = $s AND job_id IS NULL;";
            command.Parameters.AddWithValue("$st", JournalState.Rejected.Name);
            command.Parameters.AddWithValue("$c", code);
            command.Parameters.AddWithValue("$m", message);
            command.Parameters.AddWithValue("$s", seq);
            command.Parameters.AddWithValue("$time", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Commits the latest known state of jobs (results, codes and findings of finished ones; each result record carries
    /// its source, see <see cref="JournalFindings"/>). A job with an empty id (a local analysis) leaves <c>job_id</c> NULL.
    /// </summary>
    public void RecordStates(IReadOnlyList<(long Seq, JobDetail Job)> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE keys SET job_id = COALESCE(job_id, $j), state = $st, score = $sc, code = $c, message = $m, findings = $f, updated = $time WHERE seq = $s;";
            var state = command.Parameters.Add("$st", SqliteType.Text);
            var score = command.Parameters.Add("$sc", SqliteType.Real);
            var code = command.Parameters.Add("$c", SqliteType.Text);
            var message = command.Parameters.Add("$m", SqliteType.Text);
            var findings = command.Parameters.Add("$f", SqliteType.Text);
            var seq = command.Parameters.Add("$s", SqliteType.Integer);
            var jobId = command.Parameters.Add("$j", SqliteType.Text);
            command.Parameters.AddWithValue("$time", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            foreach (var (s, job) in jobs)
            {
                // A local analysis (cosqe analyze) has no job id: job_id stays NULL.
                jobId.Value = job.JobId.Length > 0 ? job.JobId : DBNull.Value;
                state.Value = JournalState.Of(job).Name;
                score.Value = job.QualityEstimate?.Score is { } value && double.IsFinite(value) ? value : DBNull.Value;
                code.Value = (object?)job.Code ?? DBNull.Value;
                message.Value = (object?)job.Message ?? DBNull.Value;
                findings.Value = (object?)JournalFindings.Write(job.QualityEstimate, UnmarkedSource) ?? DBNull.Value;
                seq.Value = s;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }


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

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<JournalRow> Query(string sql, params (string Name, object Value)[] parameters)
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
                    GetString(reader, "token_time") is { } time ? DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
                    GetString(reader, "job_id"),
                    GetString(reader, "state") is { } state ? new JournalState(state) : null,
                    reader.IsDBNull(reader.GetOrdinal("score")) ? null : reader.GetDouble(reader.GetOrdinal("score")),
                    GetString(reader, "code"),
                    GetString(reader, "message"),
                    GetString(reader, "findings")));
            }

            return rows;
        }
    }

    private static string? GetString(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
