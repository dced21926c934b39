using System.Globalization;
using CosQualityEstimate.Cli.Journal.Store;
using System.Text.Json;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// Per key, the facts the report's per-video section shows and the <c>keys</c> table does not hold (duration, resolution,
/// codec, frame rate, audio tracks, container, the analyzer's notes) and, for a local analysis, the score's breakdown
/// (<see cref="PutBreakdown"/>): its own table, <c>media</c>, versioned by its own meta entry (<see cref="SchemaMeta"/>),
/// additive like <see cref="JournalFrames"/>'s. Format 2 adds the <c>breakdown</c> column; a format-1 table is migrated
/// when opened for writing (the column added, the entry set to 2), and read as it is (no breakdown). Thread-safe.
/// </summary>
internal sealed class JournalMedia
{
    /// <summary>The meta entry holding this table's own format version.</summary>
    public const string SchemaMeta = "media_schema";

    /// <summary>The format this build writes (2: the <c>breakdown</c> column).</summary>
    public const int SchemaVersion = 2;

    private const string BreakdownColumnSql = "SELECT COUNT(*) FROM pragma_table_info('media') WHERE name = 'breakdown';";

    private bool? _hasBreakdown;

    private JournalMedia(JournalFile file) => File = file;

    /// <summary>The journal file the facts are kept in.</summary>
    public JournalFile File { get; }

    /// <summary>Opens the facts of <paramref name="file"/> for writing, creating the table when missing.</summary>
    public static JournalMedia Open(JournalFile file)
    {
        var recorded = file.GetMeta(SchemaMeta);
        if (recorded is not null && recorded != "1" && recorded != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw new CliUsageException($"journal {file.Path} keeps media facts in an unsupported format {recorded}.");
        }

        file.Database.Execute("""
            CREATE TABLE IF NOT EXISTS media (
              key TEXT PRIMARY KEY,
              duration REAL,
              width INTEGER,
              height INTEGER,
              video_codec TEXT,
              fps REAL,
              audio_tracks INTEGER,
              container TEXT,
              notes TEXT,
              added TEXT NOT NULL,
              breakdown TEXT);
            """);
        if (!HasBreakdownColumn(file))
        {
            // Format 1 (no breakdown column): migrated in place; its rows keep their facts and have no breakdown.
            file.Database.Execute("ALTER TABLE media ADD COLUMN breakdown TEXT;");
        }

        if (recorded != SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            file.SetMeta(SchemaMeta, SchemaVersion.ToString(CultureInfo.InvariantCulture));
        }

        return new JournalMedia(file);
    }

    private bool HasBreakdownColumn() => _hasBreakdown ??= HasBreakdownColumn(File);

    private static bool HasBreakdownColumn(JournalFile file) =>
        file.Database.InTransaction(BreakdownColumnSql, command => Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0);

    /// <summary>Keeps (replacing; <see langword="null"/> clears it) the score's breakdown of <paramref name="key"/>, whose
    /// facts are kept (<see cref="Put"/> first); returns false when there is no row to keep it in.</summary>
    public bool PutBreakdown(string key, LocalAnalysis.LocalScoreBreakdown? breakdown) => File.Database.Execute(
        "UPDATE media SET breakdown = $b WHERE key = $k;",
        ("$k", key),
        ("$b", breakdown is null ? DBNull.Value : JournalBreakdown.Write(breakdown))) > 0;

    /// <summary>The score's breakdown kept for <paramref name="key"/>; <see langword="null"/> when none was kept (a result of
    /// the service, or a table of format 1).</summary>
    public LocalAnalysis.LocalScoreBreakdown? ReadBreakdown(string key)
    {
        if (!HasBreakdownColumn())
        {
            return null;
        }

        return JournalBreakdown.Read(File.Database.InTransaction(
            "SELECT breakdown FROM media WHERE key = $k;",
            command =>
            {
                command.Parameters.AddWithValue("$k", key);
                return command.ExecuteScalar() as string;
            }));
    }

    /// <summary>The facts of <paramref name="file"/> to read them, changing nothing; <see langword="null"/> when it keeps none.</summary>
    public static JournalMedia? OpenForReading(JournalFile file)
    {
        var exists = file.Database.InTransaction(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'media';",
            command => Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0);
        return exists ? new JournalMedia(file) : null;
    }

    /// <summary>Keeps (replacing) the facts of <paramref name="key"/>.</summary>
    public void Put(string key, MediaFacts facts) => File.Database.Execute(
        """
        INSERT INTO media(key, duration, width, height, video_codec, fps, audio_tracks, container, notes, added)
        VALUES ($k, $d, $w, $h, $c, $f, $a, $o, $n, $time)
        ON CONFLICT(key) DO UPDATE SET duration = excluded.duration, width = excluded.width, height = excluded.height,
          video_codec = excluded.video_codec, fps = excluded.fps, audio_tracks = excluded.audio_tracks,
          container = excluded.container, notes = excluded.notes, added = excluded.added;
        """,
        ("$k", key),
        ("$d", (object?)facts.DurationSeconds ?? DBNull.Value),
        ("$w", (object?)facts.Width ?? DBNull.Value),
        ("$h", (object?)facts.Height ?? DBNull.Value),
        ("$c", (object?)facts.VideoCodec ?? DBNull.Value),
        ("$f", (object?)facts.FramesPerSecond ?? DBNull.Value),
        ("$a", (object?)facts.AudioTracks ?? DBNull.Value),
        ("$o", (object?)facts.Container ?? DBNull.Value),
        ("$n", WriteNotes(facts.Notes)),
        ("$time", File.Now()));

    /// <summary>The facts kept for <paramref name="key"/>, or <see langword="null"/>.</summary>
    public MediaFacts? Read(string key) => File.Database.InTransaction(
        "SELECT duration, width, height, video_codec, fps, audio_tracks, container, notes FROM media WHERE key = $k;",
        command =>
        {
            command.Parameters.AddWithValue("$k", key);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var notes = reader.IsDBNull(7) ? [] : ReadNotes(reader.GetString(7));

            return new MediaFacts(
                reader.IsDBNull(0) ? null : reader.GetDouble(0),
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                notes);
        });

    /// <summary>Moves what is kept for <paramref name="from"/> to <paramref name="to"/> inside a transaction of the catalog's
    /// re-keying (<see cref="AnalysisJournal.AddFiles"/>); the table exists.</summary>
    internal static void RenameKey(JournalSql sql, string from, string to) =>
        sql.Execute("UPDATE OR REPLACE media SET key = $to WHERE key = $from;", ("$to", to), ("$from", from));

    private static string WriteNotes(IReadOnlyList<string> notes)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var note in notes)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<string> ReadNotes(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
