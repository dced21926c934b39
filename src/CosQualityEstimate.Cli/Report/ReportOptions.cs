namespace CosQualityEstimate.Cli.Report;

/// <summary>
/// What a report includes beyond the journal rows, and its size budget: the worst <see cref="FramesFor"/> videos get a
/// section with their poster and up to <see cref="StripFrames"/> finding frames (as <c>data:</c> URIs), until the frames
/// written reach <see cref="FrameBudgetChars"/> characters of <c>data:</c> URI text (later frames are left out and the
/// report says so). A 10,000-video catalog's report stays under 10 MB with the defaults (ReportSizeTests).
/// </summary>
internal sealed record ReportOptions
{
    /// <summary>The default <c>--frames-for</c>.</summary>
    public const int DefaultFramesFor = 50;

    /// <summary>The largest <c>--frames-for</c>.</summary>
    public const int MaxFramesFor = 1000;

    /// <summary>How many of the worst videos get a section with frames (0: the worst 10, without frames).</summary>
    public int FramesFor { get; init; } = DefaultFramesFor;

    /// <summary>The most finding frames in one video's strip (every finding is still listed).</summary>
    public int StripFrames { get; init; } = 6;

    /// <summary>The frames' total budget, in characters of <c>data:</c> URI text (about 3.7 MB of JPEG: the worst 50 videos'
    /// seven frames each at up to 10 KB, typical of 320-px frames of real footage).</summary>
    public long FrameBudgetChars { get; init; } = 5_000_000;

    /// <summary>Facts and frames; <see langword="null"/>: none (a report of rows alone).</summary>
    public IVideoExtras? Extras { get; init; }
}
