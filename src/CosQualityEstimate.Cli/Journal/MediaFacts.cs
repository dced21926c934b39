namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// What is known about a video beyond its score, as <see cref="JournalMedia"/> keeps it: from ffprobe for a local file
/// (<c>cosqe analyze</c>), plus the analyzer's notes. Every field is optional (unknown).
/// </summary>
/// <param name="DurationSeconds">The clip's duration.</param>
/// <param name="Width">The picture's width in pixels (<see langword="null"/>: no video stream).</param>
/// <param name="Height">The picture's height in pixels.</param>
/// <param name="VideoCodec">The video codec (e.g. <c>h264</c>).</param>
/// <param name="FramesPerSecond">The average frame rate.</param>
/// <param name="AudioTracks">How many audio streams the file has.</param>
/// <param name="Container">The container format as ffprobe names it (e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>).</param>
/// <param name="Notes">The analyzer's notes (e.g. a detector not run).</param>
internal sealed record MediaFacts(
    double? DurationSeconds,
    int? Width,
    int? Height,
    string? VideoCodec,
    double? FramesPerSecond,
    int? AudioTracks,
    string? Container,
    IReadOnlyList<string> Notes)
{
    /// <summary>Nothing known.</summary>
    public static readonly MediaFacts None = new(null, null, null, null, null, null, null, []);

    /// <summary>True when the file has a picture to take frames of.</summary>
    public bool HasVideo => Width is > 0 && Height is > 0;
}
