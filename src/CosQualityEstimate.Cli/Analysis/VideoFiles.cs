namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// Expands the arguments of <c>cosqe analyze</c> into files: a file is taken as given (whatever its extension); a
/// directory is walked recursively for files with a video extension (<see cref="Extensions"/>, case-insensitive),
/// skipping hidden entries (names starting with '.') and not following symbolic links, in ordinal path order. A path
/// that does not exist is a usage error before anything is analysed.
/// </summary>
internal static class VideoFiles
{
    /// <summary>The extensions a directory walk picks up (documented in docs/cli.md).</summary>
    public static readonly IReadOnlyList<string> Extensions =
    [
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".wmv", ".flv", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".3gp", ".ogv", ".mxf",
    ];

    private static readonly HashSet<string> ExtensionSet = new(Extensions, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a directory walk would pick <paramref name="path"/> up.</summary>
    public static bool IsVideoName(string path) => ExtensionSet.Contains(Path.GetExtension(path));

    /// <summary>The files to analyse, each once, as the user will see them (the argument, or the argument joined with the walked relative path).</summary>
    public static List<string> Expand(IReadOnlyList<string> inputs, string currentDirectory)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var full = FullPath(input, currentDirectory);
            if (full is not null && File.Exists(full))
            {
                if (seen.Add(full))
                {
                    files.Add(input);
                }

                continue;
            }

            if (full is null || !Directory.Exists(full))
            {
                throw new CliUsageException($"{Output.JobText.Sanitize(input)}: no such file or directory.");
            }

            var found = Walk(full).ToList();
            found.Sort(StringComparer.Ordinal);
            foreach (var file in found)
            {
                if (seen.Add(file))
                {
                    files.Add(Path.Join(input, Path.GetRelativePath(full, file)));
                }
            }
        }

        return files;
    }

    private static IEnumerable<string> Walk(string directory)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
            ReturnSpecialDirectories = false,
        };
        foreach (var file in Directory.EnumerateFiles(directory, "*", options))
        {
            var relative = Path.GetRelativePath(directory, file);
            if (IsVideoName(file) && !relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.')))
            {
                yield return file;
            }
        }
    }

    private static string? FullPath(string input, string currentDirectory)
    {
        try
        {
            return input.Length == 0 ? null : Path.GetFullPath(input, currentDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException)
        {
            return null;
        }
    }
}
