using CosQualityEstimate.Cli.Journal;

namespace CosQualityEstimate.Cli.Report;

/// <summary>What the report shows of a video beyond its journal row: its facts and notes, and its kept frames.</summary>
internal interface IVideoExtras
{
    /// <summary>The facts and notes of <paramref name="row"/>'s video, or <see langword="null"/> when none were kept.</summary>
    MediaFacts? FactsOf(JournalRow row);

    /// <summary>The frames kept for <paramref name="row"/>'s video (missing-frame markers included), poster first.</summary>
    IReadOnlyList<StoredFrame> FramesOf(JournalRow row);
}
