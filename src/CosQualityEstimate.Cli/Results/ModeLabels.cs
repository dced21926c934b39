using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Results;

/// <summary>
/// The one place that says which mode a job ran in and what that means for its findings. <c>general</c> measures the
/// score only: its result has no findings because none were looked for, which must never read as "no findings";
/// <c>vqaPlus</c> measures the score and the findings. Text, JSON, the journal, <c>export</c> and <c>report</c> ask here.
/// </summary>
internal static class ModeLabels
{
    /// <summary>The score-only mode (the service's default, and what a server-side batch runs).</summary>
    public const string General = "general";

    /// <summary>The score-and-findings mode.</summary>
    public const string VqaPlus = "vqaPlus";

    /// <summary>What a <c>general</c> result says where findings would be.</summary>
    public const string ScoreOnly = "score only — findings not measured";

    /// <summary>
    /// The job's mode: the one it reports; else <c>vqaPlus</c> when its result has the vqaPlus part; else, for a job with a
    /// result, <c>general</c> (the service's default when no mode was asked for); <see langword="null"/> when unknown.
    /// </summary>
    public static string? Of(JobDetail job) => job.Settings?.Mode switch
    {
        QualityEstimateMode.General => General,
        QualityEstimateMode.VqaPlus => VqaPlus,
        _ when job.Settings?.RawMode is { Length: > 0 } raw => raw,
        _ when job.QualityEstimate?.VqaPlus is not null => VqaPlus,
        _ when job.QualityEstimate is not null => General,
        _ => null,
    };

    /// <summary>The name of a requested mode (<see langword="null"/>: none asked for, the service's default <c>general</c>).</summary>
    public static string Name(QualityEstimateMode? mode) => mode == QualityEstimateMode.VqaPlus ? VqaPlus : General;

    /// <summary>False for <c>general</c> (findings not looked for), true for <c>vqaPlus</c>, <see langword="null"/> when the mode is unknown.</summary>
    public static bool? FindingsMeasured(string? mode) =>
        string.Equals(mode, General, StringComparison.OrdinalIgnoreCase) ? false
        : string.Equals(mode, VqaPlus, StringComparison.OrdinalIgnoreCase) ? true
        : null;

    /// <summary>The mode as a summary shows it: <c>mode vqaPlus</c>, or <c>mode general: score only — findings not measured</c>.</summary>
    public static string Describe(string mode) => FindingsMeasured(mode) == false ? $"mode {mode}: {ScoreOnly}" : $"mode {mode}";
}
