namespace CosQualityEstimate.Cli.Report;

/// <summary>How a report's rows were merged: from how many journals, and how many keys were in more than one (conflicts resolved by keeping the newest result).</summary>
internal sealed record MergeSummary(int Journals, int Conflicts);
