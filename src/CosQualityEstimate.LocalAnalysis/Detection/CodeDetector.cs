using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>
/// QRCode / BarCode: codes ZXing.Net decoded in the gray frames it read (1 per second). Each read frame stands for
/// one second; consecutive seconds with the same type form one span. A code shown for less than a second can be
/// missed. The area is where the code was first decoded, in source pixels. AppletCode (WeChat mini-program codes)
/// has no offline decoder and is never reported.
/// </summary>
internal sealed class CodeDetector : IDetector
{
    public IEnumerable<Finding> Detect(AnalysisData data, LocalAnalysisThresholds t)
    {
        var read = data.Gray.Where(g => g.CodesRead).ToList();
        if (read.Count == 0)
        {
            yield break;
        }

        foreach (var type in new[] { QualityIssueType.QRCode, QualityIssueType.BarCode })
        {
            var samples = read.Select(g => new FlaggedSample(g.Time, g.Codes.Any(c => c.Type == type), 0.9)).ToList();
            foreach (var segment in Segmenter.Build(samples, data.CodeInterval, data.DurationSeconds, 0, 0))
            {
                var first = read.First(g => g.Time >= segment.Start && g.Codes.Any(c => c.Type == type));
                var box = first.Codes.First(c => c.Type == type).Box;
                yield return new Finding(type, segment.Start, segment.End, 95, box.Scale(data.GrayToSource, data.SourceWidth - 1, data.SourceHeight - 1));
            }
        }
    }
}
