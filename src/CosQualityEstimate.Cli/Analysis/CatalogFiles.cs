using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// <see cref="VideoFiles.Expand"/> with each file's place in an analyze catalog: its argument root (a directory argument
/// itself; a file argument's directory) and its key, the '/'-separated path relative to that root — the path
/// <see cref="Shard"/> hashes and <see cref="AnalysisJournal"/> keys rows by, so that it does not depend on where the
/// catalog is mounted. Each argument is expanded on its own; files are kept once, in the order <see cref="VideoFiles.Expand"/>
/// gives them.
/// </summary>
internal static class CatalogFiles
{
    /// <summary>The files (as the user will see them, and in the catalog) of <paramref name="shard"/> (all files when
    /// <see langword="null"/>), and how many files all shards have together.</summary>
    public static (List<(string Display, CatalogFile File)> Files, int Total) Expand(IReadOnlyList<string> inputs, string currentDirectory, Shard? shard = null)
    {
        var files = new List<(string, CatalogFile)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var expanded = VideoFiles.Expand([input], currentDirectory); // checks the argument first (exit 2)
            var full = Path.GetFullPath(input, currentDirectory);
            var root = Directory.Exists(full) ? Path.TrimEndingDirectorySeparator(full) : Path.GetDirectoryName(full)!;
            foreach (var file in expanded)
            {
                var path = Path.GetFullPath(file, currentDirectory);
                if (!seen.Add(path))
                {
                    continue;
                }

                var key = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                if (shard is not { } part || part.Contains(key))
                {
                    files.Add((file, new CatalogFile(root, key)));
                }
            }
        }

        return (files, seen.Count);
    }

    /// <summary>Refuses (exit 2) two different files that would share one catalog key (the same path below two arguments).</summary>
    public static void RefuseSharedKeys(IEnumerable<CatalogFile> files)
    {
        var first = new Dictionary<string, CatalogFile>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (first.TryGetValue(file.Key, out var other) && other.FullPath != file.FullPath)
            {
                throw new CliUsageException($"{other.FullPath} and {file.FullPath} have the same path below their arguments ({file.Key}), which a journal keys its rows by: analyze them into separate --journal files.");
            }

            first.TryAdd(file.Key, file);
        }
    }
}
