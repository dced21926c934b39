using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Results;

/// <summary>
/// The one place that decides, for every output of cosqe (text, JSON, journal, export, report), where a result came
/// from and what that allows: its name (<c>service</c>, <c>local-analysis</c>, <c>simulated</c> — spelled once in the
/// library, <see cref="QualityEstimateSourceNames"/> — or <c>unknown</c>), its text tag (<c>SIMULATED</c>, ...), and
/// whether it may carry a quality verdict (only measured results: the service's and local analysis). A marker this
/// version does not know is <c>unknown</c> and, like a simulated result, never gets a verdict. Nothing here assumes what
/// an unmarked result is: every caller says it (<c>unmarked</c>).
/// </summary>
internal static class SourceLabels
{
    /// <summary>The name of <see cref="QualityEstimateSource.Service"/>.</summary>
    public const string Service = QualityEstimateSourceNames.Service;

    /// <summary>The name of <see cref="QualityEstimateSource.LocalAnalysis"/>.</summary>
    public const string LocalAnalysis = QualityEstimateSourceNames.LocalAnalysis;

    /// <summary>The name of <see cref="QualityEstimateSource.Simulated"/>.</summary>
    public const string Simulated = QualityEstimateSourceNames.Simulated;

    /// <summary>The name of a source this version does not know (and of a journal row written before sources were recorded).</summary>
    public const string Unknown = "unknown";

    /// <summary>The source of <paramref name="job"/>'s result; <paramref name="unmarked"/> applies when the result carries no
    /// marker (the embedded emulator is never the real service, whatever its responses say).</summary>
    public static QualityEstimateSource Of(JobDetail job, QualityEstimateSource unmarked) =>
        job.QualityEstimate is { } result ? Of(result, unmarked) : unmarked;

    /// <summary>The source of <paramref name="result"/>; <paramref name="unmarked"/> applies when it carries no marker.</summary>
    public static QualityEstimateSource Of(QualityEstimate result, QualityEstimateSource unmarked) =>
        result.Source == QualityEstimateSource.Service && result.RawSource is null ? unmarked : result.Source;

    /// <summary>The JSON / CSV / journal name of a source.</summary>
    public static string Name(QualityEstimateSource source) => source switch
    {
        QualityEstimateSource.Service => Service,
        QualityEstimateSource.LocalAnalysis => LocalAnalysis,
        QualityEstimateSource.Simulated => Simulated,
        _ => Unknown,
    };

    /// <summary>The name a journal stores: <see cref="Name(QualityEstimateSource)"/>, except that an unknown marker keeps its
    /// raw text (so a newer emulator's marker is not lost).</summary>
    public static string StoredName(QualityEstimateSource source, string? raw) =>
        source == QualityEstimateSource.Unknown && !string.IsNullOrEmpty(raw) ? raw : Name(source);

    /// <summary>Reads a stored name back (journal rows written before sources were recorded are <see langword="null"/>).</summary>
    public static QualityEstimateSource? Parse(string? name) => name switch
    {
        Service => QualityEstimateSource.Service,
        LocalAnalysis => QualityEstimateSource.LocalAnalysis,
        Simulated => QualityEstimateSource.Simulated,
        Unknown => QualityEstimateSource.Unknown,
        null => null,
        _ => QualityEstimateSource.Unknown,
    };

    /// <summary>The short text tag: <c>SERVICE</c>, <c>LOCAL-ANALYSIS</c>, <c>SIMULATED</c>, <c>UNKNOWN-SOURCE</c>.</summary>
    public static string Tag(QualityEstimateSource source) => source switch
    {
        QualityEstimateSource.Simulated => "SIMULATED",
        QualityEstimateSource.LocalAnalysis => "LOCAL-ANALYSIS",
        QualityEstimateSource.Service => "SERVICE",
        _ => "UNKNOWN-SOURCE",
    };

    /// <summary>True when a one-line summary names the source (everything but the service's own results).</summary>
    public static bool IsTagged(QualityEstimateSource source) => source != QualityEstimateSource.Service;

    /// <summary>True when a quality verdict ("good quality") may be printed: only for measured results.</summary>
    public static bool HasVerdict(QualityEstimateSource source) =>
        source is QualityEstimateSource.Service or QualityEstimateSource.LocalAnalysis;

    /// <summary><see cref="HasVerdict(QualityEstimateSource)"/> for a stored name; a row without a source has none.</summary>
    public static bool HasVerdict(string? storedName) => Parse(storedName) is { } source && HasVerdict(source);
}
