using System.Globalization;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis;

/// <summary>Puts findings and the score into the service's result shape, with every Raw* text filled as the service
/// would send it (invariant culture), and the source marked <c>local-analysis</c>.</summary>
internal static class ResultBuilder
{
    public const string RawSource = QualityEstimateSourceNames.LocalAnalysis;

    public static QualityEstimate Build(double score, IReadOnlyList<Finding> findings, bool hasVideo, bool hasAudio)
    {
        var results = findings
            .GroupBy(f => f.Type)
            .OrderBy(g => (int)g.Key)
            .Select(g => new DetailedResult
            {
                Type = g.Key,
                RawType = g.Key.ToString(),
                Items = g.OrderBy(f => f.Start).Select(Item).ToArray(),
            })
            .ToArray();
        return new QualityEstimate
        {
            Score = score,
            RawScore = score.ToString("0.0", CultureInfo.InvariantCulture),
            Source = QualityEstimateSource.LocalAnalysis,
            RawSource = RawSource,
            VqaPlus = new VqaPlusResult
            {
                NoAudio = !hasAudio,
                RawNoAudio = hasAudio ? "false" : "true",
                NoVideo = !hasVideo,
                RawNoVideo = hasVideo ? "false" : "true",
                DetailedResults = results,
            },
        };
    }

    private static DetailedResultItem Item(Finding finding)
    {
        var start = Math.Round(finding.Start, 2, MidpointRounding.AwayFromZero);
        var end = Math.Round(finding.End, 2, MidpointRounding.AwayFromZero);
        var area = finding.Area?.ToArray() ?? [];
        return new DetailedResultItem
        {
            Confidence = finding.Confidence,
            RawConfidence = finding.Confidence.ToString(CultureInfo.InvariantCulture),
            StartTimeOffset = start,
            RawStartTimeOffset = start.ToString("0.##", CultureInfo.InvariantCulture),
            EndTimeOffset = end,
            RawEndTimeOffset = end.ToString("0.##", CultureInfo.InvariantCulture),
            AreaCoordSet = area,
            RawAreaCoordSet = area.Select(a => a.ToString(CultureInfo.InvariantCulture)).ToArray(),
        };
    }
}
