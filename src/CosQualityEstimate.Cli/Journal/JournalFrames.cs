using System.Globalization;
using CosQualityEstimate.Cli.Journal.Store;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The frames kept with a journal's results (issue 25): per key, one poster and one small frame per finding, JPEG, at
/// most <see cref="MaxWidth"/> pixels wide, each at most <see cref="MaxFrameBytes"/> and all of one key at most
/// <see cref="MaxVideoBytes"/> (<see cref="Put"/> refuses more). They live in their own table, <c>frames</c>, keyed by
/// (key, role, at_ms), next to the <see cref="JournalFile"/>'s <c>keys</c> table and versioned by its own meta entry
/// (<see cref="SchemaMeta"/>): the table is additive, so it does not change the journal's <see cref="JournalSchema"/>
/// version. A journal without the table simply has no frames (<see cref="OpenForReading"/>). Thread-safe (every call
/// goes through the journal's one connection and its lock).
/// </summary>
internal sealed class JournalFrames
{
    /// <summary>The meta entry holding this table's own format version.</summary>
    public const string SchemaMeta = "frames_schema";

    /// <summary>The format this build writes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The widest frame kept, in pixels (frames are scaled down to it, never up).</summary>
    public const int MaxWidth = 320;

    /// <summary>The largest frame kept, in bytes (a 320-px JPEG of real footage is typically 8–20 KB).</summary>
    public const int MaxFrameBytes = 48 * 1024;

    /// <summary>All frames of one key together, in bytes.</summary>
    public const int MaxVideoBytes = 512 * 1024;

    /// <summary>The most frames kept for one key (the poster and up to 23 findings).</summary>
    public const int MaxFramesPerVideo = 24;

    private const string ExistsSql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'frames';";

    private JournalFrames(JournalFile file) => File = file;

    /// <summary>The journal file the frames are kept in.</summary>
    public JournalFile File { get; }

    /// <summary>Opens the frames of <paramref name="file"/> for writing, creating the table (and its meta entry) when missing;
    /// a table of a newer format than <see cref="SchemaVersion"/> is a <see cref="CliUsageException"/>.</summary>
    public static JournalFrames Open(JournalFile file)
    {
        var recorded = file.GetMeta(SchemaMeta);
        if (recorded is not null && recorded != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new CliUsageException($"journal {file.Path} keeps frames in an unsupported format {recorded}.");
        }

        file.Database.Execute("""
            CREATE TABLE IF NOT EXISTS frames (
              key TEXT NOT NULL,
              role TEXT NOT NULL,
              at_ms INTEGER NOT NULL,
              seek REAL NOT NULL,
              width INTEGER NOT NULL,
              height INTEGER NOT NULL,
              content_type TEXT NOT NULL,
              origin TEXT NOT NULL,
              bytes BLOB NOT NULL,
              added TEXT NOT NULL,
              PRIMARY KEY (key, role, at_ms));
            """);
        if (recorded is null)
        {
            file.SetMeta(SchemaMeta, SchemaVersion.ToString(CultureInfo.InvariantCulture));
        }

        return new JournalFrames(file);
    }

    /// <summary>The frames of <paramref name="file"/> to read them (<c>report</c>), changing nothing; <see langword="null"/>
    /// when the journal keeps none (no table: written before frames were kept, or with <c>--no-frames</c> throughout).</summary>
    public static JournalFrames? OpenForReading(JournalFile file)
    {
        var exists = file.Database.InTransaction(ExistsSql, command => Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0);
        return exists ? new JournalFrames(file) : null;
    }

    /// <summary>
    /// Keeps <paramref name="frame"/> for <paramref name="key"/> (replacing one with the same role and time). Returns false,
    /// keeping nothing, when the frame is over <see cref="MaxFrameBytes"/> or would take the key over
    /// <see cref="MaxVideoBytes"/> or <see cref="MaxFramesPerVideo"/>. A missing-frame marker always fits.
    /// </summary>
    public bool Put(string key, StoredFrame frame)
    {
        if (frame.Bytes.Length > MaxFrameBytes)
        {
            return false;
        }

        return File.Database.InTransaction(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(bytes)), 0) FROM frames WHERE key = $k AND NOT (role = $r AND at_ms = $a);",
            command =>
            {
                command.Parameters.AddWithValue("$k", key);
                command.Parameters.AddWithValue("$r", Name(frame.Role));
                command.Parameters.AddWithValue("$a", frame.AtMs);
                long count, bytes;
                using (var reader = command.ExecuteReader())
                {
                    reader.Read();
                    count = reader.GetInt64(0);
                    bytes = reader.GetInt64(1);
                }

                if (!frame.IsMissing && (count + 1 > MaxFramesPerVideo || bytes + frame.Bytes.Length > MaxVideoBytes))
                {
                    return false;
                }

                command.Parameters.Clear();
                command.CommandText = """
                    INSERT INTO frames(key, role, at_ms, seek, width, height, content_type, origin, bytes, added)
                    VALUES ($k, $r, $a, $s, $w, $h, $t, $o, $b, $time)
                    ON CONFLICT(key, role, at_ms) DO UPDATE SET seek = excluded.seek, width = excluded.width, height = excluded.height,
                      content_type = excluded.content_type, origin = excluded.origin, bytes = excluded.bytes, added = excluded.added;
                    """;
                command.Parameters.AddWithValue("$k", key);
                command.Parameters.AddWithValue("$r", Name(frame.Role));
                command.Parameters.AddWithValue("$a", frame.AtMs);
                command.Parameters.AddWithValue("$s", frame.SeekSeconds);
                command.Parameters.AddWithValue("$w", frame.Width);
                command.Parameters.AddWithValue("$h", frame.Height);
                command.Parameters.AddWithValue("$t", frame.ContentType);
                command.Parameters.AddWithValue("$o", frame.Origin);
                command.Parameters.Add("$b", SqliteType.Blob).Value = frame.Bytes;
                command.Parameters.AddWithValue("$time", File.Now());
                command.ExecuteNonQuery();
                return true;
            });
    }

    /// <summary>Every frame (and missing-frame marker) kept for <paramref name="key"/>: the poster first, then by time.</summary>
    public List<StoredFrame> Read(string key) => File.Database.InTransaction(
        "SELECT role, at_ms, seek, width, height, content_type, origin, bytes FROM frames WHERE key = $k ORDER BY role DESC, at_ms;",
        command =>
        {
            command.Parameters.AddWithValue("$k", key);
            using var reader = command.ExecuteReader();
            var frames = new List<StoredFrame>();
            while (reader.Read())
            {
                frames.Add(new StoredFrame(
                    reader.GetString(0) == Name(FrameRole.Poster) ? FrameRole.Poster : FrameRole.Finding,
                    reader.GetInt64(1),
                    reader.GetDouble(2),
                    reader.GetInt32(3),
                    reader.GetInt32(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    (byte[])reader.GetValue(7)));
            }

            return frames;
        });

    /// <summary>Whether anything (a frame or a marker) is kept for <paramref name="key"/>.</summary>
    public bool Has(string key) => File.Database.InTransaction(
        "SELECT EXISTS(SELECT 1 FROM frames WHERE key = $k);",
        command =>
        {
            command.Parameters.AddWithValue("$k", key);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
        });

    /// <summary>Forgets every frame of <paramref name="key"/> (its result is being measured again); returns how many.</summary>
    public int Forget(string key) => File.Database.Execute("DELETE FROM frames WHERE key = $k;", ("$k", key));

    /// <summary>The frames' totals over the journal: frames with bytes, and their bytes.</summary>
    public (long Frames, long Bytes) Totals() => File.Database.InTransaction(
        "SELECT COUNT(*), COALESCE(SUM(LENGTH(bytes)), 0) FROM frames WHERE LENGTH(bytes) > 0;",
        command =>
        {
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1));
        });

    /// <summary>Moves what is kept for <paramref name="from"/> to <paramref name="to"/> inside a transaction of the catalog's
    /// re-keying (<see cref="AnalysisJournal.AddFiles"/>); the table exists.</summary>
    internal static void RenameKey(JournalSql sql, string from, string to) =>
        sql.Execute("UPDATE OR REPLACE frames SET key = $to WHERE key = $from;", ("$to", to), ("$from", from));

    private static string Name(FrameRole role) => role == FrameRole.Poster ? "poster" : "finding";
}
