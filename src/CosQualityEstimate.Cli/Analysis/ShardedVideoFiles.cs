namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// <see cref="VideoFiles.Expand"/> restricted to one <see cref="Shard"/>: each argument is expanded on its own so that
/// every file's path relative to its argument root is known (a directory: the path below it; a file: its name), and a
/// file is kept when that relative path hashes to the shard. Files are kept once, in the order
/// <see cref="VideoFiles.Expand"/> gives them.
/// </summary>
internal static class ShardedVideoFiles
{
    /// <summary>The files of <paramref name="shard"/>, and how many files all shards have together.</summary>
    public static (List<string> Files, int Total) Expand(IReadOnlyList<string> inputs, string currentDirectory, Shard shard)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var root = Path.GetFullPath(input, currentDirectory);
            var isDirectory = Directory.Exists(root);
            foreach (var file in VideoFiles.Expand([input], currentDirectory))
            {
                var full = Path.GetFullPath(file, currentDirectory);
                if (!seen.Add(full))
                {
                    continue;
                }

                var relative = isDirectory ? Path.GetRelativePath(root, full) : Path.GetFileName(full);
                if (shard.Contains(relative))
                {
                    files.Add(file);
                }
            }
        }

        return (files, seen.Count);
    }
}
