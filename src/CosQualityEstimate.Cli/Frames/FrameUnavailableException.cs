namespace CosQualityEstimate.Cli.Frames;

/// <summary>
/// Thrown by an <see cref="IFrameSource"/> for a frame it cannot give in this run but may give in a later one (the object is
/// not in the bucket, the answer was a simulated placeholder): <see cref="FrameKeeper"/> counts it as not available and,
/// unlike a frame that does not exist (<see langword="null"/>), keeps no marker, so a later run asks again.
/// </summary>
internal sealed class FrameUnavailableException : Exception
{
    public FrameUnavailableException()
    {
    }

    public FrameUnavailableException(string message)
        : base(message)
    {
    }

    public FrameUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
