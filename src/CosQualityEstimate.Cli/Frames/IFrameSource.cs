namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Where frames come from: a local file through ffmpeg (<see cref="FfmpegFrameSource"/>, used by <c>cosqe analyze</c>),
/// or, for results of the service, its billed <c>GetSnapshot</c> API (a later source; <see cref="FrameKeeper"/> and
/// <see cref="Journal.JournalFrames"/> take any source alike).
/// </summary>
internal interface IFrameSource
{
    /// <summary>How the journal names this source's frames (<c>ffmpeg</c>, <c>snapshot</c>).</summary>
    string Origin { get; }

    /// <summary>
    /// The frame of <paramref name="key"/> at <paramref name="seconds"/>, JPEG, at most <paramref name="maxWidth"/> pixels
    /// wide; <see langword="null"/> when there is none (past the end, no picture, the tool failed). Never throws for a
    /// file it cannot read; cancellation propagates.
    /// </summary>
    Task<FrameImage?> GetFrameAsync(string key, double seconds, int maxWidth, CancellationToken cancellationToken);
}
