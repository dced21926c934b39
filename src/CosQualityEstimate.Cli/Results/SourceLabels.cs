using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Results;

/// <summary>
/// Where a result came from, as every output of cosqe names it: <c>service</c> (the real Tencent Cloud CI service),
/// <c>local-analysis</c> (computed from the video's bytes on this machine by ffmpeg-based heuristics) or <c>simulated</c>
/// (made up by the emulator, not measured). A marker this version does not know is <c>unknown</c> and, like a simulated
/// result, never gets a quality verdict.
/// </summary>
internal static class SourceLabels
{
    public const string Service = "service";
    public const string LocalAnalysis = "local-analysis";
    public const string Simulated = "simulated";
    public const string Unknown = "unknown";

    /// <summary>The source of <paramref name="job"/>'s result; <paramref name="unmarked"/> applies when the result carries no
    /// marker (the embedded emulator is never the real service, whatever its responses say).</summary>
    public static QualityEstimateSource Of(JobDetail job, QualityEstimateSource unmarked = QualityEstimateSource.Service) =>
        job.QualityEstimate is { } result ? Of(result, unmarked) : unmarked;

    /// <summary>The source of <paramref name="result"/>; <paramref name="unmarked"/> applies when it carries no marker.</summary>
    public static QualityEstimateSource Of(QualityEstimate result, QualityEstimateSource unmarked = QualityEstimateSource.Service) =>
        result.Source == QualityEstimateSource.Service && result.RawSource is null ? unmarked : result.Source;

    /// <summary>The JSON / CSV / journal name of a source.</summary>
    public static string Name(QualityEstimateSource source) => source switch
    {
        QualityEstimateSource.Service => Service,
        QualityEstimateSource.LocalAnalysis => LocalAnalysis,
        QualityEstimateSource.Simulated => Simulated,
        _ => Unknown,
    };

    /// <summary>Reads a stored name back (journal rows written before sources were recorded are <see langword="null"/>).</summary>
    public static QualityEstimateSource? Parse(string? name) => name switch
    {
        Service => QualityEstimateSource.Service,
        LocalAnalysis => QualityEstimateSource.LocalAnalysis,
        Simulated => QualityEstimateSource.Simulated,
        Unknown => QualityEstimateSource.Unknown,
        _ => null,
    };

    /// <summary>True when a quality verdict ("good quality") may be printed: only for measured results.</summary>
    public static bool HasVerdict(QualityEstimateSource source) =>
        source is QualityEstimateSource.Service or QualityEstimateSource.LocalAnalysis;
}
