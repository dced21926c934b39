namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>What is running right now, read from Linux's /proc (tests that check ffmpeg is killed on cancellation).</summary>
internal static class RunningProcesses
{
    /// <summary>Ids of the running (not zombie) processes whose command line contains <paramref name="text"/>.</summary>
    public static List<int> Naming(string text)
    {
        var ids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllText(Path.Combine(directory, "stat"));
                if (!state.Contains(") Z ", StringComparison.Ordinal) && commandLine.Contains(text, StringComparison.Ordinal))
                {
                    ids.Add(id);
                }
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return ids;
    }
}
