using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>Settings of one <c>cosqe batch</c> run.</summary>
internal sealed class BatchOptions
{
    public int Concurrency { get; init; } = 16;

    public QualityEstimateMode? Mode { get; init; }

    public int? Rotate { get; init; }

    public int? Level { get; init; }

    public bool NoWait { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the previous run's send lease the look-ups of keys in doubt start, so a request still in flight at the crash has landed.</summary>
    public TimeSpan ReconcileSettle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a key in doubt is looked up (spaced by a third of the settle) before it counts as never sent.</summary>
    public int ReconcileLooks { get; init; } = 3;

    /// <summary>Length of the send lease committed to the journal: no submit is sent later than the committed lease.</summary>
    public TimeSpan SendLease { get; init; } = TimeSpan.FromSeconds(2);
}
