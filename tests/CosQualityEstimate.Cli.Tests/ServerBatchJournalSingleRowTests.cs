using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// A journal holds at most one server-side batch: two runs on the same journal at once share the first run's name, and
/// only one of them may claim the create (the other looks the batch up by name).
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
        // Two runs: two connections to one file.
        using var firstRun = BatchJournal.OpenServerSide(Journal, _clock);
        using var secondRun = BatchJournal.OpenServerSide(Journal, _clock);
        var first = firstRun.ServerBatch!;
        var second = secondRun.ServerBatch!;
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

    private long CountRows()
    {
        using var connection = new SqliteConnection($"Data Source={Journal};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM server_batch)";
        return (long)command.ExecuteScalar()!;
    }
}
