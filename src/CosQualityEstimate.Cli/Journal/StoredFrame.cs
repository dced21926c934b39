namespace CosQualityEstimate.Cli.Journal;

/// <summary>What a kept frame shows: the video's poster, or the frame of one finding.</summary>
internal enum FrameRole
{
    /// <summary>One frame standing for the whole video.</summary>
    Poster,

    /// <summary>The frame at a finding's middle (<c>FramePlan.Middle</c> in the CLI's Frames folder).</summary>
    Finding,
}

/// <summary>
/// One frame as <see cref="JournalFrames"/> keeps it. <paramref name="AtMs"/> is the frame's identity within its video:
/// for a finding, the finding's nominal middle in milliseconds (what the report computes from the finding alone); for the
/// poster, the time it was taken at. <paramref name="SeekSeconds"/> is where the frame was actually taken (the middle,
/// clamped into the clip). A frame that could not be taken is kept as a marker with no bytes (<see cref="IsMissing"/>),
/// so that a rerun does not try it again.
/// </summary>
internal sealed record StoredFrame(FrameRole Role, long AtMs, double SeekSeconds, int Width, int Height, string ContentType, string Origin, byte[] Bytes)
{
    /// <summary>True for a marker of a frame that could not be taken (no bytes).</summary>
    public bool IsMissing => Bytes.Length == 0;
}
