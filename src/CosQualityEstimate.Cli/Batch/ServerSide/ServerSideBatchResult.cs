using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch.ServerSide;

/// <summary>How a <c>cosqe batch --server-side</c> run ended.</summary>
internal sealed record ServerSideBatchResult(string BatchId, string Name, string? BatchState, JournalCounts Counts, bool Collected, bool Interrupted)
{
    /// <summary>How the batch itself failed (ended Failed or Cancel, or with a service error code), one line; <see langword="null"/> when it did not.</summary>
    public string? Failure { get; init; }
}
