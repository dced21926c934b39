namespace CosQualityEstimate.Emulator.Xml;

/// <summary>
/// Counts the work the emulator's XML reading does (one emulator, every endpoint): the reader's steps (nodes read) and
/// the bodies refused for their nesting. Tests use it to show that refusing a nesting bomb costs a bounded number of
/// steps whatever the body's size (issue 26); it costs an interlocked add per node.
/// </summary>
internal sealed class XmlReadMeter
{
    private long _steps;
    private long _refusedForDepth;

    /// <summary>Nodes read so far by every XML body reader of this emulator.</summary>
    internal long Steps => Interlocked.Read(ref _steps);

    /// <summary>Bodies refused so far because they nest elements too deeply.</summary>
    internal long RefusedForDepth => Interlocked.Read(ref _refusedForDepth);

    internal void CountStep() => Interlocked.Increment(ref _steps);

    internal void CountRefusedForDepth() => Interlocked.Increment(ref _refusedForDepth);
}
