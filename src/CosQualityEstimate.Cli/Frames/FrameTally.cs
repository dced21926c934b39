namespace CosQualityEstimate.Cli.Frames;

/// <summary>What a run did with frames, counted across concurrent files: taken and kept, reused from the journal, not
/// available (no frame at that time, over the cap), and the bytes kept. Thread-safe.</summary>
internal sealed class FrameTally
{
    private long _kept;
    private long _reused;
    private long _missing;
    private long _bytes;
    private long _requests;

    public long Kept => Interlocked.Read(ref _kept);

    public long Reused => Interlocked.Read(ref _reused);

    public long Missing => Interlocked.Read(ref _missing);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>How many frames were asked of the source (an ffmpeg process or a billed snapshot each).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public void AddKept(int bytes)
    {
        Interlocked.Increment(ref _kept);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void AddReused() => Interlocked.Increment(ref _reused);

    public void AddMissing() => Interlocked.Increment(ref _missing);

    public void AddRequest() => Interlocked.Increment(ref _requests);

    /// <summary>The summary's phrase, e.g. <c>frames: 12 kept (140 KB), 3 reused, 1 not available</c>.</summary>
    public string Describe() => $"frames: {Kept} kept ({(Bytes + 1023) / 1024} KB), {Reused} reused, {Missing} not available";
}
