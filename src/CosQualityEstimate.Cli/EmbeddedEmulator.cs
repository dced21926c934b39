using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli;

/// <summary>
/// The options of the emulator <c>cosqe estimate</c> starts when no service is configured, read from the environment.
/// The emulator package keeps ffmpeg analysis opt-in (a hermetic test double); <c>cosqe</c> opts in, so an offline
/// estimate of a local video is measured from its bytes when ffmpeg is installed (<c>COSQE_FFMPEG</c> names the ffmpeg
/// to use, as for <c>cosqe analyze</c>). <c>COSQE_EMULATOR_ANALYSIS=off</c> turns it off (every result is then
/// simulated, as tests that need canned results want); <c>on</c> or unset keeps it on.
/// </summary>
internal static class EmbeddedEmulator
{
    public const string AnalysisVariable = "COSQE_EMULATOR_ANALYSIS";

    /// <summary>The stderr notice printed when the embedded emulator is used.</summary>
    public static string Notice(Uri endpoint) =>
        $"No credentials configured (COS_SECRET_ID/COS_SECRET_KEY) and no endpoint: using the embedded emulator at {endpoint}: "
        + "uploaded local files are analysed from their bytes when ffmpeg is installed (LOCAL-ANALYSIS); results marked SIMULATED are made up (not measured from the video); install ffmpeg, or run `cosqe analyze <file>`, for real results offline.";

    /// <summary>Builds the embedded emulator's options; a bad <see cref="AnalysisVariable"/> value is a usage error (exit 2).</summary>
    public static CosEmulatorOptions Options(Func<string, string?> env)
    {
        // Opted in explicitly: the emulator's own default is off.
        var options = new CosEmulatorOptions { LocalAnalysis = true };
        if (env(Analysis.HostAnalyzer.FfmpegVariable) is { Length: > 0 } ffmpeg)
        {
            // The same ffmpeg as `cosqe analyze`.
            options.LocalAnalysisOptions = new LocalAnalysis.LocalAnalysisOptions { FfmpegPath = ffmpeg };
        }

        var analysis = env(AnalysisVariable)?.Trim();
        if (string.IsNullOrEmpty(analysis) || string.Equals(analysis, "on", StringComparison.OrdinalIgnoreCase))
        {
            return options;
        }

        if (!string.Equals(analysis, "off", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"{AnalysisVariable} must be on or off (got \"{Output.JobText.Sanitize(analysis)}\").");
        }

        DisableAnalysis(options);
        return options;
    }

    private static void DisableAnalysis(CosEmulatorOptions options) => options.LocalAnalysis = false;
}
