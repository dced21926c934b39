using System.Globalization;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Scoring;
using CosQualityEstimate.Models;

namespace ScoreFit;

/// <summary>Reads labels.tsv and measures every rung with the library's analyzer (cached in features.tsv).</summary>
internal static class Features
{
    /// <summary>The definition of the cached measures: a cache written under another definition is measured again
    /// (qp: "slice-1" = the mean slice-header QP of every frame, <c>QuantizerLog</c>; before it, the PPS initial QP).</summary>
    private const string Definition = "qp=slice-1";

    private const string Header = "# " + Definition + "\nsource\trung\tbytes\tbrisque\tniqe\tdetail\tblur\tblockiness\tnoise\tbpp\tcodec_factor\theight\tfps\tframes\tpenalty\tchecklist\tband0\tband1\tband2\tband3\tband4\tcoarse\tqp";

    public static async Task<List<Rung>> LoadAsync(string ladders)
    {
        var cachePath = Path.Combine(ladders, "features.tsv");
        var cache = File.Exists(cachePath) && File.ReadLines(cachePath).FirstOrDefault() == Header.Split('\n')[0]
            ? File.ReadLines(cachePath).Skip(2).Select(l => l.Split('\t')).ToDictionary(f => f[0] + "/" + f[1] + "/" + f[2])
            : [];
        var analyzer = new LocalVideoAnalyzer();
        var rungs = new List<Rung>();
        var lines = new List<string> { Header };
        foreach (var f in File.ReadLines(Path.Combine(ladders, "labels.tsv")).Skip(1).Select(l => l.Split('\t')))
        {
            var (set, source, name) = (f[0], f[1], f[2]);
            var file = Path.Combine(ladders, source, name + ".mp4");
            var key = $"{source}/{name}/{new FileInfo(file).Length}";
            if (!cache.TryGetValue(key, out var cached) || cached.Length < 23)
            {
                var result = await analyzer.AnalyzeAsync(file);
                var b = result.Breakdown!;
                var i = InputsOf(b, result.QualityEstimate);
                cached =
                [
                    source, name, new FileInfo(file).Length.ToString(CultureInfo.InvariantCulture),
                    N(i.Brisque), N(i.Niqe), N(i.Detail), N(i.Blur), N(i.Blockiness), N(i.Noise), N(i.BitsPerPixel), N(i.CodecFactor),
                    i.CodedHeight.ToString(CultureInfo.InvariantCulture), N(i.FramesPerSecond), i.PerceptualFrames.ToString(CultureInfo.InvariantCulture),
                    N(b.DefectPenalty), N(Checklist(result)),
                    .. Enumerable.Range(0, 5).Select(k => N(b.Bands is { Count: 5 } ? b.Bands[k] : double.NaN)),
                    N(i.CoarseDetail), N(i.Qp),
                ];
                Console.Error.WriteLine($"  {source}/{name}: BRISQUE {N(i.Brisque)} NIQE {N(i.Niqe)} bpp {N(i.BitsPerPixel)} coarse {N(i.CoarseDetail)} qp {N(i.Qp)} ({result.AnalysisTime.TotalSeconds:0.0} s)");
            }

            lines.Add(string.Join('\t', cached));
            rungs.Add(new Rung(set, source, name, f[3], f[4], D(f[5]), D(f[6]))
            {
                Inputs = new ScoreInputs
                {
                    Brisque = D(cached[3]), Niqe = D(cached[4]), Detail = D(cached[5]), Blur = D(cached[6]), Blockiness = D(cached[7]),
                    Noise = D(cached[8]), BitsPerPixel = D(cached[9]), CodecFactor = D(cached[10]),
                    CodedHeight = int.Parse(cached[11], CultureInfo.InvariantCulture), FramesPerSecond = D(cached[12]),
                    PerceptualFrames = int.Parse(cached[13], CultureInfo.InvariantCulture),
                    Bands = cached.Skip(16).Take(5).Select(D).ToArray(),
                    CoarseDetail = D(cached[21]), Qp = D(cached[22]),
                },
                Penalty = D(cached[14]),
                Checklist = D(cached[15]),
            });
        }

        File.WriteAllLines(cachePath, lines);
        return rungs;
    }

    /// <summary>The model's inputs as the breakdown reports them (the ladders are H.264: codec factor from the name).</summary>
    public static ScoreInputs InputsOf(LocalScoreBreakdown b, QualityEstimate estimate) => new()
    {
        Brisque = b.Brisque ?? double.NaN,
        Niqe = b.Niqe ?? double.NaN,
        Detail = b.Detail ?? double.NaN,
        CoarseDetail = b.CoarseDetail ?? double.NaN,
        Qp = b.QuantizationParameter ?? double.NaN,
        Blur = b.Blur ?? double.NaN,
        Blockiness = b.Blockiness ?? double.NaN,
        Noise = b.Noise ?? double.NaN,
        BitsPerPixel = b.BitsPerPixel ?? double.NaN,
        CodecFactor = EncodingPrior.CodecFactor(b.Codec),
        CodedHeight = b.CodedHeight,
        FramesPerSecond = b.FramesPerSecond,
        PerceptualFrames = b.PerceptualFrames,
        Bands = b.Bands,
    };

    /// <summary>The score of the old checklist (10 − Σ weight × √share, Noise weight 4 as before) from the findings.</summary>
    private static double Checklist(LocalAnalysisResult result)
    {
        var findings = (result.QualityEstimate.VqaPlus?.DetailedResults ?? [])
            .Where(r => r.Type != QualityIssueType.LowEvaluation)
            .SelectMany(r => r.Items.Select(i => new Finding(r.Type, i.StartTimeOffset ?? 0, i.EndTimeOffset ?? 0, i.Confidence ?? 0)))
            .ToList();
        return QualityScore.Compute(findings, result.DurationSeconds, hasVideo: true, new LocalAnalysisThresholds { NoiseWeight = 4 });
    }

    private static string N(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NaN";

    private static double D(string text) => text is "NaN" or "" or "inf" ? (text == "inf" ? double.PositiveInfinity : double.NaN) : double.Parse(text, CultureInfo.InvariantCulture);
}
