using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Batch;

/// <summary>What a run ended with.</summary>
/// <param name="Counts">Totals of the journal at the end.</param>
/// <param name="InDoubt">Keys whose submit outcome stayed unknown in this run (reconciled by a rerun).</param>
/// <param name="Interrupted">The user stopped the run.</param>
/// <param name="Unavailable">When the service answered a submit with a server error or throttling (after the library's
/// retries) and sending stopped: that answer; otherwise <see langword="null"/>.</param>
internal sealed record BatchResult(JournalCounts Counts, int InDoubt, bool Interrupted, CosServiceException? Unavailable = null);
