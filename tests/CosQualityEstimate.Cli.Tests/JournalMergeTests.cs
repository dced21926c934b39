using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Cli.Report;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>export</c> and <c>report</c> over several journals (repeated <c>--journal</c>, globs): one row per key, the newest
/// result wins and is counted as a resolved conflict, and journals of both kinds (batch, analyze) merge with every row
/// keeping its own source label.
/// </summary>
public sealed class JournalMergeTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private static JobDetail Finished(string key, double score, QualityEstimateSource source, string? raw, string? jobId = null) =>
        CosQualityEstimateModelFactory.JobDetail(
            jobId ?? "j-" + key,
            state: JobState.Success,
            rawState: "Success",
            input: CosQualityEstimateModelFactory.JobInput(key),
            qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(score, null, null, source, raw));

    /// <summary>A batch journal whose results are the given ones, written at the fake clock's current time.</summary>
    private string BatchJournalWith(string name, QualityEstimateSource unmarked, params (string Key, double? Score, QualityEstimateSource Source, string? Raw)[] rows)
    {
        var path = _dir.File(name);
        using var journal = BatchJournal.Open(path, create: true, _clock);
        journal.UnmarkedSource = unmarked;
        journal.AddKeysAsync(rows.Select(r => r.Key).AsTestAsync(), CancellationToken.None).GetAwaiter().GetResult();
        var all = journal.ReadAll();
        journal.RecordStates(rows.Where(r => r.Score is not null).Select(r => (all.Single(a => a.Key == r.Key).Seq, Finished(r.Key, r.Score!.Value, r.Source, r.Raw))).ToList());
        return path;
    }

    private string AnalysisJournalWith(string name, params (string Key, double Score)[] rows)
    {
        var path = _dir.File(name);
        using var journal = AnalysisJournal.Open(path, _clock);
        journal.AddFiles(rows.Select(r => new CatalogFile("/cat", r.Key)).ToList());
        var all = journal.ReadAll();
        journal.RecordStates(rows.Select(r => (all.Single(a => a.Key == r.Key).Seq, Finished(r.Key, r.Score, QualityEstimateSource.LocalAnalysis, QualityEstimateSourceNames.LocalAnalysis, jobId: string.Empty))).ToList());
        return path;
    }

    private static List<JsonElement> Lines(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task A_key_in_two_journals_keeps_the_newest_result_and_the_conflict_is_counted()
    {
        var older = BatchJournalWith("old.db", QualityEstimateSource.Service, ("a.mp4", 3.0, QualityEstimateSource.Service, null), ("b.mp4", 5.0, QualityEstimateSource.Service, null));
        _clock.Advance(TimeSpan.FromHours(1));
        var newer = BatchJournalWith("new.db", QualityEstimateSource.Service, ("a.mp4", 8.0, QualityEstimateSource.Service, null), ("c.mp4", 7.0, QualityEstimateSource.Service, null));

        // Newest wins whatever the order the journals are given in.
        foreach (var order in new[] { new[] { older, newer }, [newer, older] })
        {
            var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", order[0], "--journal", order[1], "--format", "jsonl"], directory: _dir.Path);

            Assert.True(result.ExitCode == 0, result.ToString());
            var rows = Lines(result.Out).ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("score").GetDouble());
            Assert.Equal(new Dictionary<string, double> { ["a.mp4"] = 8.0, ["b.mp4"] = 5.0, ["c.mp4"] = 7.0 }, rows);
            Assert.Equal("cosqe: merged 2 journals: 3 key(s), 1 conflict(s) resolved (a key in more than one journal keeps its newest result).", Assert.Single(result.ErrorLines).TrimEnd('\r'));
        }
    }

    [Fact]
    public void A_finished_result_beats_a_pending_row_even_when_the_pending_one_is_newer()
    {
        var done = new JournalRow(1, "k", null, null, "j1", JournalState.Success, 7, null, null, null) { Updated = _clock.GetUtcNow() };
        var pending = new JournalRow(1, "k", "tok", null, null, null, null, null, null, null) { Updated = _clock.GetUtcNow().AddHours(1) };

        var merge = new JournalMerge();
        merge.Add([done], "a.db");
        merge.Add([pending], "b.db");

        Assert.Equal(JournalState.Success, Assert.Single(merge.Rows).State);
        Assert.Equal("a.db", merge.Rows[0].Origin);
        Assert.Equal(1, merge.Conflicts);
        Assert.Equal(2, merge.Journals);
    }

    [Fact]
    public async Task Batch_and_analyze_journals_merge_and_every_row_keeps_its_source_label()
    {
        var batch = BatchJournalWith(
            "batch.db",
            QualityEstimateSource.Service,
            ("videos/real.mp4", 6.5, QualityEstimateSource.Service, null),
            ("videos/fake.mp4", 9.0, QualityEstimateSource.Simulated, QualityEstimateSourceNames.Simulated),
            ("videos/open.mp4", null, QualityEstimateSource.Service, null));
        var local = AnalysisJournalWith("local.db", ("/mnt/videos/local.mp4", 4.0));

        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", batch, "--journal", local, "--format", "csv"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,jobId,state,score,code,message,source,mode,findingsMeasured", lines[0]);
        Assert.Equal("videos/real.mp4,j-videos/real.mp4,Success,6.5,,,service,general,false", lines[1]);
        Assert.Equal("videos/fake.mp4,j-videos/fake.mp4,Success,9,,,simulated,general,false", lines[2]);
        Assert.Equal("videos/open.mp4,,NotSubmitted,,,,,,", lines[3]);
        Assert.Equal("/mnt/videos/local.mp4,,Success,4,,,local-analysis,general,false", lines[4]);
        Assert.Equal(5, lines.Length);
        Assert.Contains("0 conflict(s) resolved", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_of_merged_journals_says_how_many_conflicts_it_resolved()
    {
        var first = BatchJournalWith("part-0.db", QualityEstimateSource.Service, ("a.mp4", 3.0, QualityEstimateSource.Service, null), ("b.mp4", 4.0, QualityEstimateSource.Service, null));
        _clock.Advance(TimeSpan.FromMinutes(5));
        BatchJournalWith("part-1.db", QualityEstimateSource.Service, ("a.mp4", 9.0, QualityEstimateSource.Service, null), ("b.mp4", 9.5, QualityEstimateSource.Service, null));
        File.WriteAllText(_dir.File("part-1.db-wal.bak"), "not a journal"); // does not match part-*.db

        var result = await CliRun.RunAsync(NoEnv, ["report", "--journal", "part-*.db", "--out", "merged.html"], directory: _dir.Path, time: _clock);

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(_dir.File("merged.html"));
        Assert.Contains("Merged from 2 journals: 2 conflict(s) resolved", html, StringComparison.Ordinal);
        Assert.Contains("Generated 2026-03-01 12:05:00 UTC", html, StringComparison.Ordinal); // the host's clock, not the machine's
        Assert.Contains("cosqe: merged 2 journals: 2 key(s), 2 conflict(s) resolved", result.Error, StringComparison.Ordinal);

        var single = await CliRun.RunAsync(NoEnv, ["report", "--journal", first, "--out", "one.html"], directory: _dir.Path, time: _clock);
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.DoesNotContain("Merged from", File.ReadAllText(_dir.File("one.html")), StringComparison.Ordinal);
        Assert.Equal(string.Empty, single.Error);
    }

    [Fact]
    public async Task The_same_journal_given_twice_is_read_once()
    {
        var path = BatchJournalWith("one.db", QualityEstimateSource.Service, ("a.mp4", 3.0, QualityEstimateSource.Service, null));

        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", path, "--journal", "one.db", "--journal", "o*.db", "--format", "jsonl"], directory: _dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Lines(result.Out));
        Assert.Equal(string.Empty, result.Error);
    }

    [Theory]
    [InlineData("nothing-*.db", "cosqe: no journal matches --journal \"nothing-*.db\".")]
    [InlineData("dir*/part.db", "cosqe: invalid --journal \"dir*/part.db\": a wildcard may only appear in the file name (e.g. parts/part-*.db).")]
    [InlineData("missing.db", "cosqe: journal not found:")]
    public async Task A_journal_that_cannot_be_found_is_exit_2_with_one_line(string pattern, string expected)
    {
        BatchJournalWith("one.db", QualityEstimateSource.Service, ("a.mp4", 3.0, QualityEstimateSource.Service, null));

        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", "one.db", "--journal", pattern], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, Assert.Single(result.ErrorLines).TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public async Task A_glob_that_matches_a_database_that_is_not_a_journal_is_exit_2_and_leaves_that_file_unchanged()
    {
        BatchJournalWith("part-0.db", QualityEstimateSource.Service, ("a.mp4", 3.0, QualityEstimateSource.Service, null));
        File.WriteAllText(_dir.File("part-notes.db"), "plain text, not SQLite");
        var before = File.ReadAllBytes(_dir.File("part-notes.db"));

        var result = await CliRun.RunAsync(NoEnv, ["report", "--journal", "part-*.db", "--out", "r.html"], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("cosqe: cannot open journal", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_dir.File("part-notes.db")));
        Assert.False(File.Exists(_dir.File("r.html")));
    }

    [Fact]
    public async Task A_sqlite_database_that_is_not_a_journal_is_exit_2_and_gets_no_tables()
    {
        var other = _dir.File("other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE photos (id INTEGER PRIMARY KEY);";
            command.ExecuteNonQuery();
        }

        var result = await CliRun.RunAsync(NoEnv, ["export", "--journal", other], directory: _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cosqe: {other} is not a cosqe journal (or has an unsupported schema version).", Assert.Single(result.ErrorLines).TrimEnd('\r'));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table';";
            Assert.Equal("photos", command.ExecuteScalar());
        }
    }
}
