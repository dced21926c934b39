using CosQualityEstimate.Objects;

namespace CosQualityEstimate.LocalAnalysis.Snapshots;

/// <summary>One frame of a local video taken by <see cref="LocalFrameExtractor"/>: the encoded picture and what it shows.</summary>
public sealed class LocalFrame
{
    /// <summary>Creates a frame (also for tests). <paramref name="content"/> is kept, not copied.</summary>
    /// <param name="content">The encoded picture.</param>
    /// <param name="format">Its format.</param>
    /// <param name="timeSeconds">The requested time.</param>
    /// <param name="durationSeconds">The video's duration as ffprobe reports it; 0 when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is <see langword="null"/>.</exception>
    public LocalFrame(byte[] content, SnapshotFormat format, double timeSeconds, double durationSeconds)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        Format = format;
        TimeSeconds = timeSeconds;
        DurationSeconds = durationSeconds;
    }

    /// <summary>The encoded picture (JPEG or PNG).</summary>
    public byte[] Content { get; }

    /// <summary>The picture's format.</summary>
    public SnapshotFormat Format { get; }

    /// <summary>The media type of <see cref="Content"/>: <c>image/jpeg</c> or <c>image/png</c>.</summary>
    public string ContentType => Format == SnapshotFormat.Png ? "image/png" : "image/jpeg";

    /// <summary>The requested time, in seconds from the start.</summary>
    public double TimeSeconds { get; }

    /// <summary>The video's duration in seconds as ffprobe reports it; 0 when it is not known.</summary>
    public double DurationSeconds { get; }
}
