using System.Globalization;
using CosQualityEstimate.Cli.Journal.Store;
using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The journal's SQLite file, whatever its kind: a database in WAL mode with <c>synchronous=FULL</c>, a <c>meta</c>
/// table and one <c>keys</c> row per key, in the one versioned schema (<see cref="JournalSchema"/>). It opens the file,
/// checks its <see cref="JournalKind"/> (in <see cref="Open"/>, the one place), and holds what every kind shares: meta
/// entries, adding keys, recording results and reading typed rows back. A kind's own columns and statements are its own
/// type's (<see cref="BatchJournal"/>, <see cref="ServerBatchJournal"/>, <see cref="AnalysisJournal"/>); <c>export</c>/<c>report</c>
/// read any kind through this type alone (<see cref="OpenExisting"/>). No SQL text crosses this type's surface: the
/// Journal folder's types run theirs on <see cref="Database"/>. Every timestamp comes from the <see cref="TimeProvider"/>
/// given to <see cref="Open"/>. All methods are thread-safe.
/// </summary>
internal sealed class JournalFile : IDisposable
{
    /// <summary>The <c>keys</c> columns every kind shares (after <c>seq</c> and <c>key</c>).</summary>
    public const string KeyColumns = "job_id TEXT, state TEXT, score REAL, code TEXT, message TEXT, findings TEXT, updated TEXT";

    private JournalFile(JournalDatabase database, TimeProvider time, string path, JournalKind kind, int version)
    {
        Database = database;
        Time = time;
        Path = path;
        Kind = kind;
        Version = version;
    }

    /// <summary>The journal's full path.</summary>
    public string Path { get; }

    /// <summary>The clock of every timestamp this journal writes.</summary>
    public TimeProvider Time { get; }

    /// <summary>What the journal holds (a journal that records no kind and has no keys reads as <see cref="JournalKind.Batch"/>).</summary>
    public JournalKind Kind { get; }

    /// <summary>The schema version as opened (<see cref="JournalSchema.Current"/> once opened to write).</summary>
    public int Version { get; }

    /// <summary>The connection the Journal folder's types run their statements on (never used outside it).</summary>
    internal JournalDatabase Database { get; }

    /// <summary>
    /// Opens (creating when <paramref name="create"/>) the journal at <paramref name="path"/> to write it as a journal of
    /// <paramref name="kind"/>: an older schema is migrated (<see cref="JournalSchema"/>), a new journal records its kind, and
    /// a journal of another kind is a <see cref="CliUsageException"/> (exit 2) naming what it holds. Timestamps come from
    /// <paramref name="time"/>.
    /// </summary>
    public static JournalFile Open(string path, JournalKind kind, bool create, TimeProvider time)
    {
        var full = FullPath(path, mustExist: !create);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new CliUsageException($"the journal's directory does not exist: {directory}");
        }

        return WithDatabase(path, full, create, database =>
        {
            database.Execute("PRAGMA journal_mode=WAL;");
            database.Execute("PRAGMA synchronous=FULL;");
            database.Execute("PRAGMA busy_timeout=5000;");
            JournalSchema.CreateOrMigrate(database, full);
            var recorded = database.InTransaction(
                sql =>
                {
                    // Read and claimed in one BEGIN IMMEDIATE transaction: two first runs cannot name it differently.
                    var name = sql.Scalar("SELECT value FROM meta WHERE name = $n;", ("$n", JournalKinds.Meta)) as string;
                    if (name is null)
                    {
                        sql.Execute("INSERT INTO meta(name, value) VALUES ($n, $v);", ("$n", JournalKinds.Meta), ("$v", JournalKinds.Name(kind)));
                        return kind;
                    }

                    return JournalKinds.Parse(name) ?? throw new CliUsageException($"journal {full} holds a kind this cosqe does not know ({name}).");
                },
                immediate: true);
            if (recorded != kind)
            {
                throw new CliUsageException(JournalKinds.Refusal(full, kind, recorded));
            }

            return new JournalFile(database, time, full, kind, JournalSchema.Current);
        });
    }

    /// <summary>Opens (creating when <paramref name="create"/>) a journal of kind <see cref="JournalKind.Analysis"/>, the kind
    /// that keeps frames and facts (see <see cref="Open(string, JournalKind, bool, TimeProvider)"/>).</summary>
    public static JournalFile Open(string path, bool create, TimeProvider time) => Open(path, JournalKind.Analysis, create, time);

    /// <summary>
    /// Opens an existing journal to read it (<c>export</c>, <c>report</c>, <c>calibrate</c>) without creating or changing
    /// anything in it (an older schema is read as it is): a missing file, a file that is not SQLite, or a SQLite database that
    /// is not a cosqe journal (no <c>keys</c> table, or a schema version this build does not read) is a
    /// <see cref="CliUsageException"/> (exit 2); so is a journal whose kind is not in <paramref name="accepted"/> (when given).
    /// </summary>
    public static JournalFile OpenExisting(string path, TimeProvider time, params JournalKind[] accepted)
    {
        var full = FullPath(path, mustExist: true);
        return WithDatabase(path, full, create: false, database =>
        {
            database.Execute("PRAGMA busy_timeout=5000;");
            if (JournalSchema.ReadableVersion(database) is not { } version)
            {
                throw new CliUsageException($"{path} is not a cosqe journal (or has an unsupported schema version).");
            }

            var name = database.Scalar("SELECT value FROM meta WHERE name = $n;", ("$n", JournalKinds.Meta)) as string;
            var kind = name is null ? JournalSchema.InferKind(database) ?? JournalKind.Batch
                : JournalKinds.Parse(name) ?? throw new CliUsageException($"journal {path} holds a kind this cosqe does not know ({name}).");
            if (accepted.Length > 0 && !accepted.Contains(kind))
            {
                throw new CliUsageException(JournalKinds.ReadRefusal(full, accepted, kind));
            }

            return new JournalFile(database, time, full, kind, version);
        });
    }

    /// <summary>A meta entry, or <see langword="null"/>.</summary>
    public string? GetMeta(string name) => Database.Scalar("SELECT value FROM meta WHERE name = $n;", ("$n", name)) as string;

    /// <summary>Commits a meta entry.</summary>
    public void SetMeta(string name, string value) =>
        Database.Execute("INSERT INTO meta(name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = excluded.value;", ("$n", name), ("$v", value));

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

        return Database.InTransaction(
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

        Database.InTransaction(
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
    public List<JournalRow> ReadAll() => JournalRows.Read(Database, "TRUE");

    /// <summary>Streams every row in pages (export and report of large journals).</summary>
    public IEnumerable<JournalRow> EnumerateAll() => JournalRows.Stream(Database, "TRUE");

    /// <summary>Totals over the journal.</summary>
    public JournalCounts Count() => Database.Query(
        $"""
        SELECT COUNT(*),
               COUNT(job_id),
               COALESCE(SUM(CASE WHEN state = '{JournalState.Success.Name}' THEN 1 ELSE 0 END), 0),
               COALESCE(SUM(CASE WHEN state IN ({JournalState.FailureSql}) THEN 1 ELSE 0 END), 0)
        FROM keys;
        """,
        reader => new JournalCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)))[0];

    /// <summary>The journal clock's now, as stored.</summary>
    public string Now() => Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public void Dispose() => Database.Dispose();

    private static string FullPath(string path, bool mustExist)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (mustExist && !File.Exists(full))
        {
            throw new CliUsageException($"journal not found: {path}");
        }

        return full;
    }

    private static JournalFile WithDatabase(string path, string full, bool create, Func<JournalDatabase, JournalFile> open)
    {
        JournalDatabase database;
        try
        {
            database = JournalDatabase.Open(full, create);
        }
        catch (SqliteException ex)
        {
            throw new CliUsageException($"cannot open journal {path}: {ex.Message}");
        }

        try
        {
            return open(database);
        }
        catch (SqliteException ex)
        {
            database.Dispose();
            throw new CliUsageException($"cannot open journal {path}: {ex.Message}");
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }
}
