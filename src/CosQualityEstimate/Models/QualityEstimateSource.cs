namespace CosQualityEstimate.Models;

/// <summary>
/// Where a <see cref="QualityEstimate"/> came from. The real service never marks its results, so an unmarked result is
/// <see cref="Service"/>; the emulator marks every result it produces (<c>QualityEstimate/ResultSource</c>, an element
/// the service does not send) and the local analyzer marks its own.
/// </summary>
public enum QualityEstimateSource
{
    /// <summary>Computed by the Tencent Cloud CI service (no marker in the response).</summary>
    Service = 0,

    /// <summary><c>local-analysis</c>: computed from the video's bytes on this machine (ffmpeg-based heuristic analysis).</summary>
    LocalAnalysis,

    /// <summary><c>simulated</c>: made up by the emulator (derived from the object key, not from the video).</summary>
    Simulated,

    /// <summary>A marker value this library does not know; see <see cref="QualityEstimate.RawSource"/>.</summary>
    Unknown,
}
