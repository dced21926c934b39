using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A journal holds at most one server-side batch: two runs on the same journal at once share the first run's name, and
/// only one of them may claim the create (the other looks the batch up by name). A journal of the earlier schema
/// (table <c>server_batches</c>) is read as before.
/// </summary>
public sealed class ServerBatchJournalSingleRowTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _clock = FakeClock.StartingNow();

    private string Journal => _dir.File("two.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Two_runs_intending_at_once_share_the_first_name_and_only_one_claims_the_create()
    {
        using var store = BatchJournal.Open(Journal, create: true, _clock);
        using var first = ServerBatchJournal.Open(Journal, _clock);
        using var second = ServerBatchJournal.Open(Journal, _clock);
        var firstName = ServerSideBatchRunner.NewName();

        var a = first.Intend(firstName, "Prefix", "p/");
        var b = second.Intend(ServerSideBatchRunner.NewName(), "Prefix", "p/");

        Assert.Equal(firstName, a.Name);
        Assert.Equal(firstName, b.Name);
        Assert.Equal(1, CountRows());
        Assert.True(first.TryClaimCreate(firstName, null));
        Assert.False(second.TryClaimCreate(firstName, null)); // the other run must look the batch up by name
        Assert.NotNull(second.Read()!.CreateSent);
    }

    [Fact]
    public void A_journal_of_the_earlier_schema_keeps_its_batch()
    {
        using (var store = BatchJournal.Open(Journal, create: true, _clock))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={Journal};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE server_batches (name TEXT PRIMARY KEY, input_kind TEXT NOT NULL, input TEXT NOT NULL, create_sent TEXT, batch_id TEXT, updated TEXT);
                INSERT INTO server_batches VALUES ('cosqe-old', 'Prefix', 'old/', '2026-01-01T00:00:00.0000000+00:00', 'b0123456789abcdef', '2026-01-01T00:00:01.0000000+00:00');
                """;
            command.ExecuteNonQuery();
        }

        using var batches = ServerBatchJournal.Open(Journal, _clock);
        var row = batches.Read()!;

        Assert.Equal(("cosqe-old", "Prefix", "old/", "b0123456789abcdef"), (row.Name, row.InputKind, row.Input, row.BatchId));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), row.CreateSent);
    }

    private long CountRows()
    {
        using var connection = new SqliteConnection($"Data Source={Journal};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM server_batch)";
        return (long)command.ExecuteScalar()!;
    }
}
