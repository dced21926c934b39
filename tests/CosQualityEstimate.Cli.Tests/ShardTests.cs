using System.Text.Json;
using CosQualityEstimate.Cli.Analysis;
using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// <c>cosqe analyze --shard K/N</c>: the assignment is a documented hash (64-bit FNV-1a of the '/'-separated path relative
/// to the argument, modulo N), so shards are disjoint, cover every file, and do not change between runs, processes or
/// machines that see the same tree under different roots.
/// </summary>
public sealed class ShardTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnv = new();
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Tree =
    [
        .. Enumerable.Range(0, 40).Select(i => $"show/season{i % 3}/episode{i:00}.mp4"),
        "trailers/a.mov", "trailers/b.mkv", "trailers/Ünïcödé clip.webm", "top.avi",
    ];

    private string MakeTree(string root)
    {
        var full = Path.Combine(_dir.Path, root);
        foreach (var file in Tree)
        {
            var path = Path.Combine(full, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "bytes");
        }

        return full;
    }

    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void The_hash_is_64_bit_FNV_1a_of_the_UTF8_bytes(string text, ulong expected) =>
        Assert.Equal(expected, Shard.Hash(text)); // the published FNV-1a test vectors: any implementation can reproduce an assignment

    [Theory]
    [InlineData("show\\season1\\episode01.mp4", "show/season1/episode01.mp4")]
    [InlineData("./show/a.mp4", "show/a.mp4")]
    [InlineData("/show/a.mp4", "show/a.mp4")]
    public void Relative_paths_are_hashed_slash_separated(string given, string hashed)
    {
        Assert.Equal(hashed, Shard.Normalize(given));
        Assert.Equal(Shard.IndexOf(hashed, 7), Shard.IndexOf(given, 7));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Shards_are_disjoint_complete_and_stable_across_roots(int n)
    {
        var rootA = MakeTree("machineA/mnt/catalog");
        var rootB = MakeTree("machineB/data");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < n; k++)
        {
            var (filesA, totalA) = ShardedVideoFiles.Expand([rootA], _dir.Path, new Shard(k, n));
            var (filesB, totalB) = ShardedVideoFiles.Expand([rootB], _dir.Path, new Shard(k, n));
            var (again, _) = ShardedVideoFiles.Expand([rootA], _dir.Path, new Shard(k, n));
            Assert.Equal(Tree.Length, totalA);
            Assert.Equal(Tree.Length, totalB);
            var relativeA = filesA.Select(f => Path.GetRelativePath(rootA, f).Replace('\\', '/')).ToList();
            var relativeB = filesB.Select(f => Path.GetRelativePath(rootB, f).Replace('\\', '/')).ToList();
            Assert.Equal(relativeA, relativeB); // another machine, another mount point: the same files
            Assert.Equal(filesA, again); // another run: the same files
            foreach (var file in relativeA)
            {
                Assert.True(seen.TryAdd(file, k), $"{file} is in shard {seen.GetValueOrDefault(file)} and shard {k}");
            }
        }

        Assert.Equal(Tree.Order(StringComparer.Ordinal), seen.Keys.Order(StringComparer.Ordinal));
        if (n > 1)
        {
            Assert.True(seen.Values.Distinct().Count() > 1, "every file landed in one shard");
        }
    }

    [Fact]
    public void The_assignment_does_not_depend_on_the_argument_spelling()
    {
        var root = MakeTree("cat");
        var (absolute, _) = ShardedVideoFiles.Expand([root], _dir.Path, new Shard(1, 2));
        var (relative, _) = ShardedVideoFiles.Expand(["cat/"], _dir.Path, new Shard(1, 2));
        Assert.Equal(absolute.Select(f => Path.GetFullPath(f, _dir.Path)), relative.Select(f => Path.GetFullPath(f, _dir.Path)));
    }

    [Fact]
    public async Task Two_shards_into_two_journals_analyse_every_file_once()
    {
        MakeTree("cat");
        var analyzers = new[] { new FakeAnalyzer(), new FakeAnalyzer() };
        for (var k = 0; k < 2; k++)
        {
            var result = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "--shard", $"{k}/2", "--journal", $"part-{k}.db", "--concurrency", "1"], directory: _dir.Path, analyzer: analyzers[k]);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"cosqe: shard {k}/2: {analyzers[k].Calls.Count} of {Tree.Length} file(s).", result.Error, StringComparison.Ordinal);
        }

        var calls = analyzers.SelectMany(a => a.Calls).ToList();
        Assert.Equal(Tree.Length, calls.Count);
        Assert.Equal(Tree.Length, calls.Distinct(StringComparer.Ordinal).Count());
        Assert.All(analyzers, a => Assert.NotEmpty(a.Calls));

        // A rerun of a shard finds its journal complete and analyses nothing.
        var rerun = new FakeAnalyzer();
        var again = await CliRun.RunAsync(NoEnv, ["analyze", "cat", "--shard", "0/2", "--journal", "part-0.db"], directory: _dir.Path, analyzer: rerun);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(rerun.Calls);

        // Merged, the two parts are the whole catalog, every row local-analysis.
        var export = await CliRun.RunAsync(NoEnv, ["export", "--journal", "part-*.db", "--format", "jsonl"], directory: _dir.Path);
        Assert.True(export.ExitCode == 0, export.ToString());
        var rows = export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Tree.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal("local-analysis", r.GetProperty("source").GetString()));
        Assert.Contains("cosqe: merged 2 journals: 44 key(s), 0 conflict(s) resolved", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_shard_still_creates_its_journal()
    {
        File.WriteAllText(_dir.File("only.mp4"), "bytes");
        var owner = Shard.IndexOf("only.mp4", 7);
        var empty = (owner + 1) % 7;

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "only.mp4", "--shard", $"{empty}/7", "--journal", "empty.db"], directory: _dir.Path, analyzer: new FakeAnalyzer());

        Assert.True(result.ExitCode == 0, result.ToString());
        using var journal = JournalFile.OpenExisting(_dir.File("empty.db"), TimeProvider.System);
        Assert.Equal(JournalKind.Analysis, journal.Kind);
        Assert.Equal(0, journal.Count().Keys);
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("5/3")]
    [InlineData("0/0")]
    [InlineData("-1/3")]
    [InlineData("a/3")]
    [InlineData("1/b")]
    [InlineData("1")]
    [InlineData("1/2/3")]
    [InlineData(" 1/2")]
    [InlineData("")]
    public async Task A_wrong_shard_is_exit_2_with_one_line_before_anything_is_analysed(string shard)
    {
        File.WriteAllText(_dir.File("a.mp4"), "bytes");
        var analyzer = new FakeAnalyzer();

        var result = await CliRun.RunAsync(NoEnv, ["analyze", "a.mp4", "--shard", shard], directory: _dir.Path, analyzer: analyzer);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines).TrimEnd('\r');
        Assert.StartsWith("cosqe: invalid --shard", line, StringComparison.Ordinal);
        Assert.Contains("0 <= K < N", line, StringComparison.Ordinal);
        Assert.Empty(analyzer.Calls);
        Assert.Equal(string.Empty, result.Out);
    }

    [Theory]
    [InlineData("0/2", "1/2")]
    [InlineData("0/2", "0/3")]
    [InlineData("0/2", null)]
    [InlineData(null, "0/2")]
    public async Task A_journal_written_for_one_shard_refuses_another_with_exit_2(string? first, string? second)
    {
        MakeTree("cat");
        string[] Args(string? shard) => shard is null ? ["analyze", "cat", "--journal", "part.db"] : ["analyze", "cat", "--journal", "part.db", "--shard", shard];

        var run1 = await CliRun.RunAsync(NoEnv, Args(first), directory: _dir.Path, analyzer: new FakeAnalyzer());
        var analyzer = new FakeAnalyzer();
        var run2 = await CliRun.RunAsync(NoEnv, Args(second), directory: _dir.Path, analyzer: analyzer);

        Assert.True(run1.ExitCode == 0, run1.ToString());
        Assert.Equal(2, run2.ExitCode);
        Assert.EndsWith("give each shard its own --journal file.", Assert.Single(run2.ErrorLines).TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Empty(analyzer.Calls);
    }
}
