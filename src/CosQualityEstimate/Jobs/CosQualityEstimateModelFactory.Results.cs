using System.ComponentModel;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

// Builders for the analysis result: the score, the vqaPlus findings and their occurrences.
public static partial class CosQualityEstimateModelFactory
{
    /// <summary>Builds a <see cref="Models.QualityEstimate"/>.</summary>
    /// <param name="score">The score.</param>
    /// <param name="vqaPlus">The vqaPlus findings.</param>
    /// <param name="rawScore">The score's text.</param>
    /// <param name="source">Where the result came from (<see cref="QualityEstimateSource.Service"/> by default), e.g. to test
    /// code that must label simulated or locally analysed results.</param>
    /// <param name="rawSource">The marker's text (<c>simulated</c>, <c>local-analysis</c>); <c>null</c> for the real service.</param>
    /// <returns>The result.</returns>
    public static QualityEstimate QualityEstimate(
        double? score = null, VqaPlusResult? vqaPlus = null, string? rawScore = null, QualityEstimateSource source = QualityEstimateSource.Service, string? rawSource = null) =>
        new() { Score = score, VqaPlus = vqaPlus, RawScore = rawScore, Source = source, RawSource = rawSource };

    /// <summary>Builds a <see cref="Models.QualityEstimate"/> (the 1.0 overload, kept for binary compatibility; calls with
    /// named or positional arguments now bind to the overload with <c>source</c>).</summary>
    /// <param name="score">The score.</param>
    /// <param name="vqaPlus">The vqaPlus findings.</param>
    /// <param name="rawScore">The score's text.</param>
    /// <returns>The result.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static QualityEstimate QualityEstimate(double? score, VqaPlusResult? vqaPlus, string? rawScore) =>
        new() { Score = score, VqaPlus = vqaPlus, RawScore = rawScore };

    /// <summary>Builds a <see cref="Models.VqaPlusResult"/>.</summary>
    /// <param name="noAudio">Whether the input has no audio.</param>
    /// <param name="noVideo">Whether the input has no video.</param>
    /// <param name="detailedResults">The findings.</param>
    /// <param name="rawNoAudio">The text of <c>NoAudio</c>.</param>
    /// <param name="rawNoVideo">The text of <c>NoVideo</c>.</param>
    /// <returns>The findings.</returns>
    public static VqaPlusResult VqaPlusResult(
        bool? noAudio = null, bool? noVideo = null, IEnumerable<DetailedResult>? detailedResults = null, string? rawNoAudio = null, string? rawNoVideo = null) =>
        new()
        {
            NoAudio = noAudio,
            NoVideo = noVideo,
            DetailedResults = List(detailedResults),
            RawNoAudio = rawNoAudio,
            RawNoVideo = rawNoVideo,
        };

    /// <summary>Builds a <see cref="Models.DetailedResult"/> (one kind of problem).</summary>
    /// <param name="type">The kind of problem.</param>
    /// <param name="items">Its occurrences.</param>
    /// <param name="rawType">The type's text.</param>
    /// <returns>The finding.</returns>
    public static DetailedResult DetailedResult(QualityIssueType type = default, IEnumerable<DetailedResultItem>? items = null, string? rawType = null) =>
        new() { Type = type, Items = List(items), RawType = rawType };

    /// <summary>Builds a <see cref="Models.DetailedResultItem"/> (one occurrence of a problem).</summary>
    /// <param name="confidence">The confidence, 0 to 100.</param>
    /// <param name="startTimeOffset">Start, in seconds.</param>
    /// <param name="endTimeOffset">End, in seconds.</param>
    /// <param name="areaCoordSet">The area: top-left x, y, bottom-right x, y.</param>
    /// <param name="rawConfidence">The confidence's text.</param>
    /// <param name="rawStartTimeOffset">The start's text.</param>
    /// <param name="rawEndTimeOffset">The end's text.</param>
    /// <param name="rawAreaCoordSet">The area's texts.</param>
    /// <returns>The occurrence.</returns>
    public static DetailedResultItem DetailedResultItem(
        int? confidence = null,
        double? startTimeOffset = null,
        double? endTimeOffset = null,
        IEnumerable<int>? areaCoordSet = null,
        string? rawConfidence = null,
        string? rawStartTimeOffset = null,
        string? rawEndTimeOffset = null,
        IEnumerable<string>? rawAreaCoordSet = null) =>
        new()
        {
            Confidence = confidence,
            StartTimeOffset = startTimeOffset,
            EndTimeOffset = endTimeOffset,
            AreaCoordSet = List(areaCoordSet),
            RawConfidence = rawConfidence,
            RawStartTimeOffset = rawStartTimeOffset,
            RawEndTimeOffset = rawEndTimeOffset,
            RawAreaCoordSet = List(rawAreaCoordSet),
        };
}
