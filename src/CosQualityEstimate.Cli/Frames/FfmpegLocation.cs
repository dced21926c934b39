namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Where <c>cosqe analyze</c>'s frame and probe processes find ffmpeg and ffprobe: the rule of the analyzer itself
/// (<c>COSQE_FFMPEG</c>, with ffprobe next to it; else the host's PATH), read through the host's environment.
/// </summary>
internal sealed record FfmpegLocation(string Ffmpeg, string Ffprobe)
{
    /// <summary>Resolves the tools from <paramref name="env"/>.</summary>
    public static FfmpegLocation FromEnvironment(Func<string, string?> env)
    {
        var configured = env(LocalAnalysis.LocalAnalysisOptions.FfmpegPathVariableName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var directory = Path.GetDirectoryName(configured);
            var probe = "ffprobe" + Path.GetExtension(configured);
            return new FfmpegLocation(configured, string.IsNullOrEmpty(directory) ? probe : Path.Combine(directory, probe));
        }

        return new FfmpegLocation(Find("ffmpeg", env("PATH")), Find("ffprobe", env("PATH")));
    }

    private static string Find(string name, string? searchPath)
    {
        var file = OperatingSystem.IsWindows() ? name + ".exe" : name;
        foreach (var directory in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return file;
    }
}
