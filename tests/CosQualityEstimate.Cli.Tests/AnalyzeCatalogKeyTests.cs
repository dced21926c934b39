using System.Text.Json;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Analyze journals key rows by the path relative to the argument root (the root kept with each row): shard journals of
/// machines that mount the catalog at different paths merge and detect conflicts; a rerun with the catalog mounted
/// elsewhere finds its rows; another tree with the same relative paths is refused; a journal of the older, absolute-keyed
/// layout is re-keyed (results, facts and frames kept) when its files are given again.
/// </summary>
public sealed class AnalyzeCatalogKeyTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private static JobDetail Finished(string key, double score) =>
        CosQualityEstimateModelFactory.JobDetail(
            string.Empty,
            state: JobState.Success,
            rawState: "Success",
            input: CosQualityEstimateModelFactory.JobInput(key),
            qualityEstimate: CosQualityEstimateModelFactory.QualityEstimate(score, null, null, QualityEstimateSource.LocalAnalysis, QualityEstimateSourceNames.LocalAnalysis));

    /// <summary>A shard journal written on a machine that mounts the catalog at <paramref name="root"/>.</summary>
    private string ShardJournal(string name, string root, params string[] keys)
    {
        var path = _dir.File(name);
        using var journal = AnalysisJournal.Open(path, _clock);
        journal.AddFiles(keys.Select(k => new CatalogFile(root, k)).ToList());
        journal.RecordStates(journal.ReadAll().Select(r => (r.Seq, Finished(r.Key, 7))).ToList());
        _clock.Advance(TimeSpan.FromMinutes(1));
        return path;
    }

    private string Touch(string relative)
    {
        var path = Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "bytes");
        return path;
    }

    private static List<string> Keys(CliResult export) =>
        export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("key").GetString()!).ToList();

    [Fact]
    public async Task Shard_journals_from_two_mounts_with_overlapping_keys_merge_with_the_conflicts_detected()
    {
        var a = ShardJournal("part-0.db", "/mnt/a/cat", "s/1.mp4", "s/2.mp4", "x.mp4");
        var b = ShardJournal("part-1.db", "/data/cat", "s/2.mp4", "x.mp4", "y.mp4");

        var export = await CliRun.RunAsync(NoEnv, ["export", "--journal", a, "--journal", b, "--format", "jsonl"], directory: _dir.Path);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(["s/1.mp4", "s/2.mp4", "x.mp4", "y.mp4"], Keys(export));
        Assert.Contains("cosqe: merged 2 journals: 4 key(s), 2 conflict(s) resolved", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shard_journals_from_two_mounts_without_overlap_merge_into_one_row_per_file()
    {
        var a = ShardJournal("part-0.db", "/mnt/a/cat", "s/1.mp4", "x.mp4");
        var b = ShardJournal("part-1.db", "/data/cat", "s/2.mp4", "y.mp4");

        var export = await CliRun.RunAsync(NoEnv, ["export", "--journal", a, "--journal", b, "--format", "jsonl"], directory: _dir.Path);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Equal(["s/1.mp4", "x.mp4", "s/2.mp4", "y.mp4"], Keys(export));
        Assert.Contains("cosqe: merged 2 journals: 4 key(s), 0 conflict(s) resolved", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_shards_over_two_mounts_of_one_tree_merge_and_the_same_tree_twice_conflicts_on_every_file()
    {
        string[] tree = ["s/1.mp4", "s/2.mp4", "s/3.mp4", "t/4.mp4", "5.mp4", "6.mp4"];
        foreach (var file in tree)
        {
            Touch(Path.Combine("mnt", "a", "cat", file));
            Touch(Path.Combine("data", "cat", file));
        }

        async Task Analyze(string root, string journal, params string[] extra)
        {
            var run = await CliRun.RunAsync(NoEnv, ["analyze", root, "--journal", journal, "--no-frames", .. extra], directory: _dir.Path, analyzer: new FakeAnalyzer());
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        await Analyze("mnt/a/cat", "part-0.db", "--shard", "0/2");
        await Analyze(Path.Combine(_dir.Path, "data", "cat"), "part-1.db", "--shard", "1/2");
        await Analyze("data/cat", "whole.db");

        var merged = await CliRun.RunAsync(NoEnv, ["export", "--journal", "part-*.db", "--format", "jsonl"], directory: _dir.Path);
        var twice = await CliRun.RunAsync(NoEnv, ["export", "--journal", "part-0.db", "--journal", "part-1.db", "--journal", "whole.db", "--format", "jsonl"], directory: _dir.Path);

        Assert.Equal(tree.Order(StringComparer.Ordinal), Keys(merged).Order(StringComparer.Ordinal));
        Assert.Contains("cosqe: merged 2 journals: 6 key(s), 0 conflict(s) resolved", merged.Error, StringComparison.Ordinal);
        Assert.Contains("cosqe: merged 3 journals: 6 key(s), 6 conflict(s) resolved", twice.Error, StringComparison.Ordinal);
        using var part = JournalFile.OpenExisting(_dir.File("part-0.db"), _clock);
        Assert.All(part.ReadAll(), r => Assert.Equal(Path.Combine(_dir.Path, "mnt", "a", "cat"), r.Root));
    }

    [Fact]
    public async Task A_rerun_with_the_catalog_mounted_elsewhere_finds_its_rows_and_follows_the_mount()
    {
        Touch("old/cat/s/1.mp4");
        Touch("old/cat/2.mp4");
        var first = await CliRun.RunAsync(NoEnv, ["analyze", "old/cat", "--journal", "j.db", "--no-frames"], directory: _dir.Path, analyzer: new FakeAnalyzer());
        Directory.Move(Path.Combine(_dir.Path, "old"), Path.Combine(_dir.Path, "new"));
        var analyzer = new FakeAnalyzer();

        var rerun = await CliRun.RunAsync(NoEnv, ["analyze", "new/cat", "--journal", "j.db", "--no-frames"], directory: _dir.Path, analyzer: analyzer);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Empty(analyzer.Calls);
        Assert.Contains("cosqe: 2 file(s) already analysed", rerun.Error, StringComparison.Ordinal);
        using var journal = JournalFile.OpenExisting(_dir.File("j.db"), _clock);
        Assert.All(journal.ReadAll(), r => Assert.Equal(Path.Combine(_dir.Path, "new", "cat"), r.Root));
        Assert.Equal(["2.mp4", "s/1.mp4"], journal.ReadAll().Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_tree_with_the_same_relative_paths_is_refused_with_exit_2()
    {
        Touch("a/clip.mp4");
        Touch("b/clip.mp4");
        var first = await CliRun.RunAsync(NoEnv, ["analyze", "a", "--journal", "j.db", "--no-frames"], directory: _dir.Path, analyzer: new FakeAnalyzer());
        var analyzer = new FakeAnalyzer();

        var other = await CliRun.RunAsync(NoEnv, ["analyze", "b", "--journal", "j.db", "--no-frames"], directory: _dir.Path, analyzer: analyzer);
        var both = await CliRun.RunAsync(NoEnv, ["analyze", "a", "b", "--journal", "both.db", "--no-frames"], directory: _dir.Path, analyzer: analyzer);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, other.ExitCode);
        Assert.EndsWith("is another file with the same path below its argument: give that tree its own --journal file.", Assert.Single(other.ErrorLines).TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("have the same path below their arguments (clip.mp4)", Assert.Single(both.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(analyzer.Calls);
        Assert.False(File.Exists(_dir.File("both.db")));
    }

    [Fact]
    public async Task An_absolute_keyed_journal_of_the_older_layout_is_rekeyed_with_its_results_facts_and_frames()
    {
        var clip = Touch("cat/s/clip.mp4");
        var other = Touch("elsewhere/solo.mp4");
        var path = _dir.File("old.db");
        OldLayoutJournal(path, (clip, 6.5), (other, 3.0));
        var analyzer = new FakeAnalyzer();

        var rerun = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "--journal", path, "--no-frames"], directory: _dir.Path, analyzer: analyzer);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Empty(analyzer.Calls); // the result was found under its new key
        using (var journal = JournalFile.OpenExisting(path, _clock))
        {
            Assert.Equal(JournalSchema.Current, journal.Version);
            var rows = journal.ReadAll();
            var moved = Assert.Single(rows, r => r.Key == "s/clip.mp4");
            Assert.Equal((Path.Combine(_dir.Path, "cat"), 6.5), (moved.Root, moved.Score));
            Assert.Equal(clip, moved.LocalPath);
            var untouched = Assert.Single(rows, r => r.Key == other); // not given again: still its full path
            Assert.Null(untouched.Root);
            Assert.Equal(other, untouched.LocalPath);
            Assert.NotNull(JournalMedia.OpenForReading(journal)!.Read("s/clip.mp4"));
            Assert.Null(JournalMedia.OpenForReading(journal)!.Read(clip));
            Assert.Single(JournalFrames.OpenForReading(journal)!.Read("s/clip.mp4"));
            Assert.Empty(JournalFrames.OpenForReading(journal)!.Read(clip));
        }

        var export = await CliRun.RunAsync(NoEnv, ["export", "--journal", path, "--format", "jsonl"], directory: _dir.Path);
        Assert.Equal(["s/clip.mp4", other], Keys(export));
    }

    [Fact]
    public void Calibrate_pairs_a_service_key_with_a_relative_key_and_with_a_full_path_of_an_older_journal()
    {
        var pairs = Commands.CalibrateCommand.Pair(
            [("catalog/s/a.mp4", 5.0), ("catalog/b.mp4", 6.0), ("catalog/c.mp4", 8.0)],
            [("s/a.mp4", 4.0), ("/old/root/b.mp4", 7.0), ("other/s/c.mp4.bak", 1.0)],
            "catalog/");

        Assert.Equal([("catalog/b.mp4", 7.0, 6.0), ("catalog/s/a.mp4", 4.0, 5.0)], pairs.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    /// <summary>
    /// The layout of an analyze journal before keys were relative: schema 1, kind local-analysis, <c>keys</c> without a
    /// <c>root</c> column and keyed by full paths, facts and frames keyed the same way.
    /// </summary>
    private void OldLayoutJournal(string path, params (string FullPath, double Score)[] files)
    {
        using (var journal = AnalysisJournal.Open(path, _clock))
        {
            journal.AddFiles(files.Select(f => new CatalogFile("/", f.FullPath.TrimStart('/'))).ToList());
            journal.RecordStates(journal.ReadAll().Select(r => (r.Seq, Finished(r.Key, files.Single(f => f.FullPath == r.LocalPath).Score))).ToList());
            var media = JournalMedia.Open(journal.File);
            var frames = JournalFrames.Open(journal.File);
            foreach (var (full, _) in files)
            {
                media.Put(full, new MediaFacts(10, 320, 180, "h264", 25, 0, "mp4", []));
                Assert.True(frames.Put(full, new StoredFrame(FrameRole.Poster, 0, 0, 320, 180, "image/jpeg", "ffmpeg", new byte[100])));
            }
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE keys SET key = '/' || key;
            ALTER TABLE keys DROP COLUMN root;
            DROP TABLE server_batch;
            UPDATE meta SET value = '1' WHERE name = 'schema';
            """;
        command.ExecuteNonQuery();
    }
}
