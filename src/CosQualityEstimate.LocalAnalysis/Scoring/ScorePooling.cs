using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.LocalAnalysis.Scoring;

/// <summary>
/// Pools the per-frame measures of one analysis into <see cref="ScoreInputs"/>. Frames inside a defect span (black,
/// solid colour, crash: the findings the defect penalty charges for) are left out, so a black or broken stretch is
/// charged once, by the penalty, and does not also shift the picture's statistics. BRISQUE and NIQE are pooled with the
/// interquartile mean (the mean of the middle half of the frames): a few odd frames — a dark cut, a title card, a flat
/// sky — neither condemn nor rescue a video, while a degradation of most of it is seen in full. The slice QP is the plain
/// mean over every frame of the stream (I, P and B frames alike: their mix is what the encoder spent; a frame's own QP
/// is its slices' mean weighted by the area each covers, <see cref="Ffmpeg.QuantizerLog"/>).
/// </summary>
internal static class ScorePooling
{
    /// <summary>The finding types whose spans are left out of the pooling.</summary>
    public static readonly QualityIssueType[] DefectTypes = [QualityIssueType.SolidColorScreen, QualityIssueType.CrashScreen];

    public static ScoreInputs Pool(AnalysisData data, IEnumerable<Finding> findings)
    {
        var defects = findings.Where(f => DefectTypes.Contains(f.Type)).Select(f => new TimeSpanSeconds(f.Start, f.End))
            .Concat(data.BlackSpans).ToList();
        bool Clean(double time) => !defects.Any(d => time >= d.Start && time < d.End);

        var samples = data.Gray.Where(g => g.Perceptual is not null && Clean(g.Time)).Select(g => g.Perceptual!.Value).ToList();
        var measured = samples.Where(s => s.Bands is { Count: Perceptual.BandEnergy.Levels }).ToList();
        double[]? bands = measured.Count == 0 ? null
            : Enumerable.Range(0, Perceptual.BandEnergy.Levels).Select(b => InterquartileMean(measured.Select(s => s.Bands![b]))).ToArray();
        return new ScoreInputs
        {
            Bands = bands,
            LostEnergy = bands is null ? double.NaN : ScoreModel.LostEnergy(bands, ScoreModelCoefficients.BandRatios, ScoreModelCoefficients.LostEnergyAnchor),
            Brisque = InterquartileMean(samples.Select(s => s.Brisque)),
            Niqe = InterquartileMean(samples.Select(s => s.Niqe)),
            Detail = InterquartileMean(samples.Select(s => s.Detail)),
            CoarseDetail = InterquartileMean(samples.Select(s => s.CoarseDetail)),
            Qp = Mean(data.Quantizers.Where(q => Clean(q.Time)).Select(q => q.Qp)),
            Blur = Median(data.Blur.Where(b => Clean(b.Time)).Select(b => b.Value)),
            Blockiness = Median(data.Gray.Where(g => Clean(g.Time)).Select(g => g.Blockiness)),
            Noise = Median(data.Gray.Where(g => Clean(g.Time)).Select(g => g.NoiseSigma)),
            BitsPerPixel = EncodingPrior.BitsPerPixel(data.VideoBitRate, data.SourceWidth, data.SourceHeight, data.FramesPerSecond),
            CodecFactor = EncodingPrior.CodecFactor(data.VideoCodec),
            CodedHeight = data.SourceHeight,
            FramesPerSecond = data.FramesPerSecond,
            PerceptualFrames = samples.Count,
        };
    }

    /// <summary>The mean of the middle half of the finite values (all of them when fewer than 4); <c>NaN</c> when none.</summary>
    internal static double InterquartileMean(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        if (sorted.Length < 4)
        {
            return sorted.Average();
        }

        var skip = sorted.Length / 4;
        return sorted.Skip(skip).Take(sorted.Length - (2 * skip)).Average();
    }

    /// <summary>The mean of the finite values; <c>NaN</c> when none.</summary>
    internal static double Mean(IEnumerable<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in values.Where(double.IsFinite))
        {
            sum += value;
            count++;
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The median of the finite values; <c>NaN</c> when none.</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
