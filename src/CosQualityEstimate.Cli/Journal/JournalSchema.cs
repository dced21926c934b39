using System.Globalization;
using CosQualityEstimate.Cli.Journal.Store;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The journal's one versioned schema (meta entry <see cref="Meta"/>) and its migrations, run when a command opens a
/// journal to write it (<see cref="JournalFile.Open"/>; <c>export</c>/<c>report</c> read versions 1 and 2 as they are).
/// <list type="bullet">
/// <item>Version 1 (cosqe 1.0.0, the released batch journal): <c>meta</c> and <c>keys</c> (<see cref="JournalFile.KeyColumns"/>
/// and <see cref="BatchJournal.KeyColumns"/>); no kind: a 1.0.0 journal is a <see cref="JournalKind.Batch"/> journal.</item>
/// <item>Version 2: the kind is recorded (<see cref="JournalKinds.Meta"/>); <c>keys</c> gains the analyze catalog's
/// <see cref="AnalysisJournal.KeyColumns"/> (the argument root of a row); the server-side batch's single-row table
/// (<see cref="ServerBatchJournal.TableSql"/>) is part of the schema.</item>
/// </list>
/// The tables of frames and media facts are additive and versioned by their own meta entries (<see cref="JournalFrames"/>,
/// <see cref="JournalMedia"/>).
/// </summary>
internal static class JournalSchema
{
    /// <summary>The meta entry holding the schema version.</summary>
    public const string Meta = "schema";

    /// <summary>The version this build writes.</summary>
    public const int Current = 2;

    /// <summary>The oldest version this build reads and migrates (cosqe 1.0.0's).</summary>
    public const int Oldest = 1;

    /// <summary>Creates the tables of a new journal, or migrates an existing one to <see cref="Current"/> (one transaction).</summary>
    /// <returns>The version found (<see cref="Current"/> for a new journal).</returns>
    public static int CreateOrMigrate(JournalDatabase database, string path) =>
        database.InTransaction(
            sql =>
            {
                sql.Execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);");
                var found = sql.Scalar("SELECT value FROM meta WHERE name = $n;", ("$n", Meta)) as string;
                var version = found is null ? Current : ParseVersion(found, path);
                if (version == Current && found is not null)
                {
                    return version;
                }

                sql.Execute($"CREATE TABLE IF NOT EXISTS keys (seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, {JournalFile.KeyColumns}, {BatchJournal.KeyColumns}, {AnalysisJournal.KeyColumns});");
                if (version < 2)
                {
                    MigrateTo2(sql);
                }

                sql.Execute(ServerBatchJournal.TableSql);
                sql.Execute(
                    "INSERT INTO meta(name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = excluded.value;",
                    ("$n", Meta),
                    ("$v", Current.ToString(CultureInfo.InvariantCulture)));
                return version;
            },
            immediate: true);

    /// <summary>The version of an existing journal read as it is: <see langword="null"/> when it is not a cosqe journal or
    /// has a version this build does not read.</summary>
    public static int? ReadableVersion(JournalSql database)
    {
        if (!database.HasTable("meta") || !database.HasTable("keys"))
        {
            return null;
        }

        var found = database.Scalar("SELECT value FROM meta WHERE name = $n;", ("$n", Meta)) as string;
        return int.TryParse(found, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version is >= Oldest and <= Current ? version : null;
    }

    /// <summary>
    /// The kind of a journal that records none (version 1, or a version-2 journal created but never claimed): one with a
    /// server-side batch row is <see cref="JournalKind.ServerSideBatch"/>, one with keys is <see cref="JournalKind.Batch"/>
    /// (cosqe 1.0.0 wrote only batch journals), an empty one is unclaimed (<see langword="null"/>: its first writer names it).
    /// </summary>
    public static JournalKind? InferKind(JournalSql database)
    {
        if (database.HasTable("server_batch") && database.Count("SELECT COUNT(*) FROM server_batch;") > 0)
        {
            return JournalKind.ServerSideBatch;
        }

        return database.Count("SELECT COUNT(*) FROM keys;") > 0 ? JournalKind.Batch : null;
    }

    private static void MigrateTo2(JournalSql database)
    {
        if (!database.HasColumn("keys", "root"))
        {
            database.Execute($"ALTER TABLE keys ADD COLUMN {AnalysisJournal.KeyColumns};");
        }

        var kind = database.Scalar("SELECT value FROM meta WHERE name = $n;", ("$n", JournalKinds.Meta)) as string;
        if (kind is null && InferKind(database) is { } inferred)
        {
            database.Execute("INSERT INTO meta(name, value) VALUES ($n, $v);", ("$n", JournalKinds.Meta), ("$v", JournalKinds.Name(inferred)));
        }
    }

    private static int ParseVersion(string found, string path) =>
        int.TryParse(found, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version is >= Oldest and <= Current
            ? version
            : throw new CliUsageException($"journal {path} has an unsupported schema version {found}.");
}
