using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Finds ffmpeg and ffprobe (option, then <c>COSQUALITYESTIMATE_FFMPEG</c>, then PATH) and checks them once per process and path:
/// version at least 5.1 and every required filter. A failure is a <see cref="FfmpegNotFoundException"/> naming how to
/// install ffmpeg; it is not cached, so installing ffmpeg while a program runs is picked up.
/// </summary>
internal static partial class FfmpegToolsLocator
{
    public static readonly Version MinimumVersion = new(5, 1);

    /// <summary>How long the version and filter check may take before ffmpeg counts as unusable (its processes are killed).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, Lazy<Task<FfmpegTools>>> Checked = new(StringComparer.Ordinal);

    public static async Task<FfmpegTools> GetAsync(LocalAnalysisOptions options, CancellationToken cancellationToken)
    {
        var (ffmpeg, ffprobe) = Resolve(options);
        var key = ffmpeg + "\n" + ffprobe;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The first caller's token runs the shared check; a caller whose own token is not cancelled retries below
            // when that check was cancelled by someone else.
            var lazy = Checked.GetOrAdd(key, _ => new Lazy<Task<FfmpegTools>>(() => CheckAsync(ffmpeg, ffprobe, cancellationToken)));
            try
            {
                return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FfmpegNotFoundException)
            {
                Forget(key, lazy);
                throw;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Forget(key, lazy); // another caller's check was cancelled: check again with this caller's token
            }
            catch (OperationCanceledException)
            {
                if (lazy.Value.IsCanceled)
                {
                    Forget(key, lazy);
                }

                throw;
            }
        }
    }

    private static void Forget(string key, Lazy<Task<FfmpegTools>> lazy) =>
        Checked.TryRemove(new KeyValuePair<string, Lazy<Task<FfmpegTools>>>(key, lazy));

    /// <summary>The ffmpeg and ffprobe executables to use. An explicit ffmpeg path puts ffprobe next to it.</summary>
    internal static (string Ffmpeg, string Ffprobe) Resolve(LocalAnalysisOptions options)
    {
        var configured = options.FfmpegPath;
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Environment.GetEnvironmentVariable(LocalAnalysisOptions.FfmpegPathVariableName);
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return (FindOnPath("ffmpeg", options.SearchPath), FindOnPath("ffprobe", options.SearchPath));
        }

        var directory = Path.GetDirectoryName(configured);
        var extension = Path.GetExtension(configured);
        var probeName = "ffprobe" + extension;
        return (configured, string.IsNullOrEmpty(directory) ? probeName : Path.Combine(directory, probeName));
    }

    /// <summary>The full path of <paramref name="name"/> on <paramref name="searchPath"/>, else the process's PATH (with <c>.exe</c> on Windows).</summary>
    private static string FindOnPath(string name, string? searchPath)
    {
        var fileName = OperatingSystem.IsWindows() ? name + ".exe" : name;
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FfmpegNotFoundException(
            $"{name} was not found on PATH (set {LocalAnalysisOptions.FfmpegPathVariableName} to the ffmpeg executable if it is elsewhere); {FfmpegNotFoundException.InstallHint}");
    }

    /// <summary>Runs the checks with <paramref name="cancellationToken"/> and <see cref="CheckTimeout"/>; either kills the
    /// running ffmpeg/ffprobe process tree. A timeout is a <see cref="FfmpegNotFoundException"/> (this ffmpeg is unusable).</summary>
    private static async Task<FfmpegTools> CheckAsync(string ffmpeg, string ffprobe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await CheckToolsAsync(ffmpeg, ffprobe, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FfmpegNotFoundException(
                $"{ffmpeg} did not answer -filters/-version within {CheckTimeout.TotalSeconds:0} s; {FfmpegNotFoundException.InstallHint}", e);
        }
    }

    private static async Task<FfmpegTools> CheckToolsAsync(string ffmpeg, string ffprobe, CancellationToken cancellationToken)
    {
        // Speed (docs/performance.md): two process starts side by side, not three in a row. Without -hide_banner, -filters
        // prints the banner (whose first line is the version, as -version prints it) to stderr and the filter list to
        // stdout. The answers are judged in order: ffmpeg's problems first, then ffprobe's.
        var filtersRun = ToolProcess.RunAsync(ffmpeg, ["-filters"], cancellationToken);
        var probeRun = ToolProcess.RunAsync(ffprobe, ["-hide_banner", "-version"], cancellationToken);
        await ((Task)Task.WhenAll(filtersRun, probeRun)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        var (filtersExit, filtersText, banner) = await filtersRun.ConfigureAwait(false);
        if (filtersExit != 0)
        {
            throw new FfmpegNotFoundException($"{ffmpeg} -filters failed (exit code {filtersExit}); {FfmpegNotFoundException.InstallHint}");
        }

        var version = ParseVersion(banner);
        if (version is not null && version < MinimumVersion)
        {
            throw new FfmpegNotFoundException(
                $"ffmpeg {version} is too old for local analysis (needs {MinimumVersion} or newer); {FfmpegNotFoundException.InstallHint}");
        }

        var filters = ParseFilters(filtersText);
        var missing = FfmpegTools.RequiredFilters.Where(f => !filters.Contains(f)).ToArray();
        if (missing.Length > 0)
        {
            throw new FfmpegNotFoundException(
                $"this ffmpeg lacks filters local analysis needs ({string.Join(", ", missing)}); {FfmpegNotFoundException.InstallHint}");
        }

        var (probeExit, _, _) = await probeRun.ConfigureAwait(false);
        if (probeExit != 0)
        {
            throw new FfmpegNotFoundException($"{ffprobe} -version failed (exit code {probeExit}); {FfmpegNotFoundException.InstallHint}");
        }

        return new FfmpegTools(ffmpeg, ffprobe, version, filters);
    }

    /// <summary>Reads "ffmpeg version 5.1.9-0+deb12u1 ..." → 5.1.9; <c>null</c> for development builds ("N-113…", "git-…").</summary>
    internal static Version? ParseVersion(string versionOutput)
    {
        var match = VersionPattern().Match(versionOutput);
        if (!match.Success)
        {
            return null;
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        var patch = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return new Version(major, minor, patch);
    }

    /// <summary>Reads the names out of <c>ffmpeg -filters</c> (" TSC name  A->A  description").</summary>
    internal static HashSet<string> ParseFilters(string filtersOutput)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in filtersOutput.Split('\n'))
        {
            var match = FilterLinePattern().Match(line);
            if (match.Success)
            {
                names.Add(match.Groups[1].Value);
            }
        }

        return names;
    }

    [GeneratedRegex(@"^ffmpeg version n?(\d+)(?:\.(\d+))?(?:\.(\d+))?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"^\s[.A-Z|]{3}\s+([A-Za-z0-9_]+)\s+\S+->\S+", RegexOptions.CultureInvariant)]
    private static partial Regex FilterLinePattern();
}
