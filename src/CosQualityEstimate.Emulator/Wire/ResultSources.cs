namespace CosQualityEstimate.Emulator.Wire;

/// <summary>
/// The values of the emulator's <c>QualityEstimate/ResultSource</c> element (a contract with the client library, which
/// surfaces them as <c>QualityEstimate.Source</c>; see docs/emulator.md). The real service never sends the element.
/// </summary>
internal static class ResultSources
{
    /// <summary>A result made up by the emulator (a hash of the object key): not a statement about the video.</summary>
    internal const string Simulated = global::CosQualityEstimate.Models.QualityEstimateSourceNames.Simulated;

    /// <summary>A result computed from the stored object's bytes by the local analyzer (ffmpeg).</summary>
    internal const string LocalAnalysis = global::CosQualityEstimate.Models.QualityEstimateSourceNames.LocalAnalysis;
}
