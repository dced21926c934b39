using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Frames;

/// <summary>One frame to keep: what it shows, its identity in the video (<see cref="StoredFrame.AtMs"/>) and where to take it.</summary>
internal readonly record struct PlannedFrame(FrameRole Role, long AtMs, double SeekSeconds);
