using System.Globalization;
using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Emulator.Analysis;

/// <summary>
/// Turns a <see cref="LocalAnalysisResult"/> (the library's public model) into the service's wire shape, marked
/// <see cref="ResultSources.LocalAnalysis"/>: raw texts where the model keeps them, otherwise invariant-culture numbers.
/// </summary>
internal static class WireResult
{
    internal static QualityEstimateXml From(QualityEstimate estimate, string mode)
    {
        var result = new QualityEstimateXml
        {
            Score = estimate.RawScore ?? estimate.Score?.ToString("0.0", CultureInfo.InvariantCulture),
            ResultSource = ResultSources.LocalAnalysis,
        };
        if (mode == "vqaPlus")
        {
            result.VqaPlusResult = From(estimate.VqaPlus);
        }

        return result;
    }

    /// <summary>MediaInfo with only what was measured: the duration and the object's size.</summary>
    internal static XElement MediaInfo(LocalAnalysisResult analysis, long size) => new(
        "MediaInfo",
        new XElement(
            "Format",
            new XElement("Duration", analysis.DurationSeconds.ToString("0.000000", CultureInfo.InvariantCulture)),
            new XElement("Size", size.ToString(CultureInfo.InvariantCulture))));

    private static VqaPlusResultXml From(VqaPlusResult? vqa)
    {
        var wire = new VqaPlusResultXml
        {
            NoAudio = vqa?.RawNoAudio ?? Bool(vqa?.NoAudio),
            NoVideo = vqa?.RawNoVideo ?? Bool(vqa?.NoVideo),
        };
        foreach (var detail in vqa?.DetailedResults ?? Array.Empty<DetailedResult>())
        {
            var wireDetail = new DetailedResultXml { Type = detail.RawType ?? detail.Type.ToString() };
            foreach (var item in detail.Items)
            {
                var wireItem = new DetailedResultItemXml
                {
                    Confidence = item.RawConfidence ?? item.Confidence?.ToString(CultureInfo.InvariantCulture),
                    StartTimeOffset = item.RawStartTimeOffset ?? Seconds(item.StartTimeOffset),
                    EndTimeOffset = item.RawEndTimeOffset ?? Seconds(item.EndTimeOffset),
                };
                if (item.RawAreaCoordSet.Count > 0)
                {
                    wireItem.AreaCoordSet.AddRange(item.RawAreaCoordSet);
                }
                else
                {
                    wireItem.AreaCoordSet.AddRange(item.AreaCoordSet.Select(static c => c.ToString(CultureInfo.InvariantCulture)));
                }

                wireDetail.Items.Add(wireItem);
            }

            wire.DetailedResult.Add(wireDetail);
        }

        return wire;
    }

    private static string? Bool(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static string? Seconds(double? value) => value?.ToString("0.0##", CultureInfo.InvariantCulture);
}
