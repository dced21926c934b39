namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// The journals an <c>export</c> or <c>report</c> reads: each <c>--journal</c> value is a path, or a glob in its file name
/// (<c>*</c> any run of characters, <c>?</c> one character; e.g. <c>parts/part-*.db</c>) matched in ordinal order. SQLite's own
/// side files (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>) never match. A glob that matches nothing, or a wildcard in a
/// directory name, is a <see cref="CliUsageException"/> (exit 2); a file given twice is read once.
/// </summary>
internal static class JournalSet
{
    private static readonly string[] SideFiles = ["-wal", "-shm", "-journal"];

    /// <summary>The full paths of the journals <paramref name="patterns"/> name, in order, each once.</summary>
    public static List<string> Expand(IReadOnlyList<string> patterns, string currentDirectory)
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            foreach (var path in ExpandOne(pattern, currentDirectory))
            {
                if (seen.Add(path))
                {
                    paths.Add(path);
                }
            }
        }

        return paths;
    }

    private static IEnumerable<string> ExpandOne(string pattern, string currentDirectory)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
        {
            return [Path.GetFullPath(pattern, currentDirectory)];
        }

        var full = Path.GetFullPath(pattern, currentDirectory);
        var directory = Path.GetDirectoryName(full) ?? currentDirectory;
        var name = Path.GetFileName(full);
        if (directory.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            throw new CliUsageException($"invalid --journal \"{Output.JobText.Sanitize(pattern)}\": a wildcard may only appear in the file name (e.g. parts/part-*.db).");
        }

        var matches = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, name, new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseSensitive, RecurseSubdirectories = false })
                .Where(f => !SideFiles.Any(side => f.EndsWith(side, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return matches.Count > 0 ? matches : throw new CliUsageException($"no journal matches --journal \"{Output.JobText.Sanitize(pattern)}\".");
    }
}
