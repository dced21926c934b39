namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// <see cref="VideoFiles.Expand"/> restricted to one <see cref="Shard"/>: a file is kept when its path relative to its
/// argument root (<see cref="CatalogFiles"/>: a directory: the path below it; a file: its name) hashes to the shard.
/// Files are kept once, in the order <see cref="VideoFiles.Expand"/> gives them.
/// </summary>
internal static class ShardedVideoFiles
{
    /// <summary>The files of <paramref name="shard"/>, and how many files all shards have together.</summary>
    public static (List<string> Files, int Total) Expand(IReadOnlyList<string> inputs, string currentDirectory, Shard shard)
    {
        var (files, total) = CatalogFiles.Expand(inputs, currentDirectory, shard);
        return (files.Select(f => f.Display).ToList(), total);
    }
}
