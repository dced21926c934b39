using CosQualityEstimate.Cli.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// One <see cref="JournalKind"/> per journal, written when the journal is created and checked when it is opened (one
/// place, <see cref="JournalFile.Open(string, JournalKind, bool, TimeProvider)"/>); one versioned schema
/// (<see cref="JournalSchema"/>) migrated there: a journal of cosqe 1.0.0 (schema 1, no kind) still opens as a batch journal,
/// and <c>export</c> reads it without changing it.
/// </summary>
public sealed class JournalKindTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private string Released()
    {
        var path = _dir.File("released.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "journal-format1.db"), path);
        return path;
    }

    private static Dictionary<string, string> Meta(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, value FROM meta;";
        using var reader = command.ExecuteReader();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            meta[reader.GetString(0)] = reader.GetString(1);
        }

        return meta;
    }

    private static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private JournalFile Create(string name, JournalKind kind) => JournalFile.Open(_dir.File(name), kind, create: true, _clock);

    [Theory]
    [InlineData(nameof(JournalKind.Batch), "batch")]
    [InlineData(nameof(JournalKind.ServerSideBatch), "server-side-batch")]
    [InlineData(nameof(JournalKind.Analysis), "local-analysis")]
    public void A_new_journal_records_its_kind_and_schema_and_reads_back_as_it(string kindName, string stored)
    {
        var kind = Enum.Parse<JournalKind>(kindName);
        using (Create("j.db", kind))
        {
        }

        Assert.Equal(stored, Meta(_dir.File("j.db"))["kind"]);
        Assert.Equal("2", Meta(_dir.File("j.db"))["schema"]);
        using var read = JournalFile.OpenExisting(_dir.File("j.db"), _clock);
        Assert.Equal(kind, read.Kind);
        Assert.Equal(JournalSchema.Current, read.Version);
    }

    [Theory]
    [InlineData(nameof(JournalKind.Batch), nameof(JournalKind.Analysis), "holds local files analysed by cosqe analyze, not object keys; give cosqe batch its own --journal file.")]
    [InlineData(nameof(JournalKind.ServerSideBatch), nameof(JournalKind.Analysis), "holds local files analysed by cosqe analyze, not object keys; give cosqe batch --server-side its own --journal file.")]
    [InlineData(nameof(JournalKind.Analysis), nameof(JournalKind.Batch), "is a batch journal of object keys; give cosqe analyze its own --journal file.")]
    [InlineData(nameof(JournalKind.Analysis), nameof(JournalKind.ServerSideBatch), "is a batch journal of object keys; give cosqe analyze its own --journal file.")]
    [InlineData(nameof(JournalKind.Batch), nameof(JournalKind.ServerSideBatch), "holds a server-side batch; continue it with cosqe batch --server-side --journal")]
    [InlineData(nameof(JournalKind.ServerSideBatch), nameof(JournalKind.Batch), "holds a client-side batch (cosqe batch without --server-side); give --server-side its own --journal file.")]
    public void A_journal_of_another_kind_is_refused_where_it_is_opened_and_left_as_it_was(string openedName, string writtenName, string message)
    {
        var (opened, written) = (Enum.Parse<JournalKind>(openedName), Enum.Parse<JournalKind>(writtenName));
        using (Create("j.db", written))
        {
        }

        var refused = Assert.Throws<CliUsageException>(() => JournalFile.Open(_dir.File("j.db"), opened, create: true, _clock));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(JournalKinds.Name(written), Meta(_dir.File("j.db"))["kind"]);
    }

    [Fact]
    public void An_empty_journal_without_a_kind_is_claimed_by_its_first_writer()
    {
        // Schema 1, no kind, no keys: what a run that stopped before adding a key left.
        using (Create("j.db", JournalKind.Batch))
        {
        }

        Sql(_dir.File("j.db"), "DELETE FROM meta WHERE name = 'kind'; UPDATE meta SET value = '1' WHERE name = 'schema';");

        using (var analysis = AnalysisJournal.Open(_dir.File("j.db"), _clock))
        {
            Assert.Equal(JournalKind.Analysis, analysis.File.Kind);
        }

        Assert.Equal("local-analysis", Meta(_dir.File("j.db"))["kind"]);
    }

    [Fact]
    public async Task A_released_journal_exports_unchanged_then_a_batch_run_migrates_it_to_schema_2_as_a_batch_journal()
    {
        var path = Released();

        var export = await CliRun.RunAsync(NoEnv, ["export", "--journal", path, "--format", "jsonl"], directory: _dir.Path);
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal("1", Meta(path)["schema"]); // reading changes nothing
        Assert.False(Meta(path).ContainsKey("kind"));
        using (var read = JournalFile.OpenExisting(path, _clock))
        {
            Assert.Equal((JournalKind.Batch, 1), (read.Kind, read.Version));
        }

        using (var journal = BatchJournal.Open(path, create: false, _clock))
        {
            Assert.Equal(5, journal.Count().Keys);
            Assert.Null(journal.ServerBatch);
            Assert.Equal(export.Out, (await CliRun.RunAsync(NoEnv, ["export", "--journal", path, "--format", "jsonl"], directory: _dir.Path)).Out);
        }

        Assert.Equal(("2", "batch"), (Meta(path)["schema"], Meta(path)["kind"]));
        Assert.Throws<CliUsageException>(() => BatchJournal.OpenServerSide(path, _clock));
        Assert.Throws<CliUsageException>(() => AnalysisJournal.Open(path, _clock));
    }

    [Fact]
    public void A_schema_1_journal_holding_a_server_side_batch_migrates_to_that_kind()
    {
        // An unreleased build's layout: schema 1, no kind, the server_batch row beside the keys.
        using (var journal = BatchJournal.OpenServerSide(_dir.File("j.db"), _clock))
        {
            journal.ServerBatch!.Intend("cosqe-x", "Prefix", "p/");
        }

        Sql(_dir.File("j.db"), "DELETE FROM meta WHERE name = 'kind'; UPDATE meta SET value = '1' WHERE name = 'schema';");

        using (var journal = BatchJournal.OpenServerSide(_dir.File("j.db"), _clock))
        {
            Assert.Equal("cosqe-x", journal.ServerBatch!.Read()!.Name);
        }

        Assert.Equal("server-side-batch", Meta(_dir.File("j.db"))["kind"]);
    }

    [Theory]
    [InlineData("schema", "3", "unsupported schema version 3")]
    [InlineData("kind", "something-newer", "holds a kind this cosqe does not know (something-newer)")]
    public void A_newer_journal_is_refused_with_exit_2(string meta, string value, string message)
    {
        using (Create("j.db", JournalKind.Batch))
        {
        }

        Sql(_dir.File("j.db"), $"UPDATE meta SET value = '{value}' WHERE name = '{meta}';");

        var refused = Assert.Throws<CliUsageException>(() => BatchJournal.Open(_dir.File("j.db"), create: false, _clock));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_with_an_expected_kind_refuses_another_kind()
    {
        using (Create("j.db", JournalKind.Analysis))
        {
        }

        var refused = Assert.Throws<CliUsageException>(() => JournalFile.OpenExisting(_dir.File("j.db"), _clock, JournalKind.Batch, JournalKind.ServerSideBatch));

        Assert.EndsWith("is a cosqe analyze journal (local files), not a cosqe batch journal (object keys) or a cosqe batch --server-side journal (object keys).", refused.Message, StringComparison.Ordinal);
    }
}
