using CosQualityEstimate.Emulator;

namespace CosQualityEstimate.Cli;

/// <summary>
/// The options of the emulator <c>cosqe estimate</c> starts when no service is configured, read from the environment:
/// <c>COSQE_EMULATOR_ANALYSIS=off</c> turns its local analysis of uploaded videos off (its results are then all
/// simulated, as tests that need canned results want); <c>on</c> or unset leaves the emulator's default.
/// </summary>
internal static class EmbeddedEmulator
{
    public const string AnalysisVariable = "COSQE_EMULATOR_ANALYSIS";

    /// <summary>The stderr notice printed when the embedded emulator is used.</summary>
    public static string Notice(Uri endpoint) =>
        $"No credentials configured (COS_SECRET_ID/COS_SECRET_KEY) and no endpoint: using the embedded emulator at {endpoint}: "
        + "results marked SIMULATED are made up (not measured from the video); for real results offline run `cosqe analyze <file>` (needs ffmpeg).";

    /// <summary>Builds the embedded emulator's options; a bad <see cref="AnalysisVariable"/> value is a usage error (exit 2).</summary>
    public static CosEmulatorOptions Options(Func<string, string?> env)
    {
        var options = new CosEmulatorOptions();
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

    // ADAPTER (issue 14, until branch `emu` lands): branch `emu` adds `CosEmulatorOptions.LocalAnalysis` (bool, default
    // true). This build's emulator never analyses videos, so "off" is already its behaviour and nothing can be set yet.
    // MERGE: replace the body with `options.LocalAnalysis = false;` (and, in Options, pass
    // `LocalAnalysisOptions = new() { FfmpegPath = env("COSQE_FFMPEG") }` so the emulator uses the same ffmpeg as analyze).
    private static void DisableAnalysis(CosEmulatorOptions options) => _ = options;
}
