using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch.ServerSide;

/// <summary>How a <c>cosqe batch --server-side</c> run ended.</summary>
internal sealed record ServerSideBatchResult(string BatchId, string Name, string? BatchState, JournalCounts Counts, bool Collected, bool Interrupted);
