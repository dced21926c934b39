namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>
/// Fake ffmpeg/ffprobe shell scripts in a private directory, to drive the REAL analyzer into each failure: every script
/// hands what it does not fake to the real tool, so the analyzer's own checks (version, filters) still run for real.
/// </summary>
internal static class FakeTools
{
    public static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name))
            .First(File.Exists);

    /// <summary>A directory holding <c>ffmpeg</c> and <c>ffprobe</c>: the given script bodies, or links to the real tools.</summary>
    /// <returns>The fake ffmpeg's path (for <see cref="LocalAnalysisOptions.FfmpegPath"/>).</returns>
    public static string Create(string root, string name, string? ffmpegScript = null, string? ffprobeScript = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        Write(directory, "ffmpeg", ffmpegScript);
        Write(directory, "ffprobe", ffprobeScript);
        return Path.Combine(directory, "ffmpeg");
    }

    private static void Write(string directory, string tool, string? script)
    {
        var path = Path.Combine(directory, tool);
        if (script is null)
        {
            File.CreateSymbolicLink(path, FindOnPath(tool));
            return;
        }

        File.WriteAllText(path, "#!/bin/sh\n" + script.Replace("$REAL", FindOnPath(tool), StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
