using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Report;

/// <summary>What the report shows of a video beyond its journal row: its facts and notes, its kept frames and its score's breakdown.</summary>
internal interface IVideoExtras
{
    /// <summary>The facts and notes of <paramref name="row"/>'s video, or <see langword="null"/> when none were kept.</summary>
    MediaFacts? FactsOf(JournalRow row);

    /// <summary>The frames kept for <paramref name="row"/>'s video (missing-frame markers included), poster first.</summary>
    IReadOnlyList<StoredFrame> FramesOf(JournalRow row);

    /// <summary>Why <paramref name="row"/>'s video got its score (a local analysis's breakdown), or <see langword="null"/>
    /// when the result carries none (a result of the service, or a journal written before breakdowns were kept).</summary>
    LocalAnalysis.LocalScoreBreakdown? BreakdownOf(JournalRow row);
}
