namespace CosQualityEstimate.Models;

/// <summary>
/// The names of each <see cref="QualityEstimateSource"/> on the wire (the emulator's <c>QualityEstimate/ResultSource</c>
/// marker) and in every output that names a result's source. They are spelled here once; the library's reader, the
/// emulator's writer, the local analyzer and the CLI all use these constants.
/// </summary>
public static class QualityEstimateSourceNames
{
    /// <summary><c>service</c>: the name of <see cref="QualityEstimateSource.Service"/>. The service itself never sends a
    /// marker; the name is used by outputs (and journals) that record where a result came from.</summary>
    public const string Service = "service";

    /// <summary><c>local-analysis</c>: the name of <see cref="QualityEstimateSource.LocalAnalysis"/>.</summary>
    public const string LocalAnalysis = "local-analysis";

    /// <summary><c>simulated</c>: the name of <see cref="QualityEstimateSource.Simulated"/>.</summary>
    public const string Simulated = "simulated";
}
