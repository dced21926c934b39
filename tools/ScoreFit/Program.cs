// Fits the local score's model opinion-unaware (docs/local-analysis.md, "Score" and "Validation"):
//   ScoreFit LADDERS_DIR COEFFICIENTS_CS REPORT_MD [FOOTAGE_DIR...]
// LADDERS_DIR holds labels.tsv and the rungs written by make-ladders.sh. Every rung is analysed by the library itself
// (LocalVideoAnalyzer: the same code path as cosqe analyze), its measures cached in LADDERS_DIR/features.tsv. Each rung's
// pseudo-score comes from its full-reference SSIM and PSNR with fixed anchors (PseudoScore); the monotone model's
// weights are fitted by non-negative least squares on the 'fit' sources only, checked by leave-one-source-out
// cross-validation, and validated on the 'holdout' sources. Writes the coefficients (C#) and the validation report.
using System.Globalization;
using System.Text;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.LocalAnalysis.Scoring;
using ScoreFit;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ScoreFit LADDERS_DIR COEFFICIENTS_CS REPORT_MD [FOOTAGE_FILE...]");
    return 2;
}

var ladders = args[0];
var all = await Features.LoadAsync(ladders);

// A label is only as good as the alignment of rung and source: the pristine rung (CRF 18 of a lossless source) must
// reach 40 dB PSNR, or the source's labels are not used (frames compared out of step).
var unreliable = all.Where(r => r.Name == "crf18" && !(r.Psnr >= 40)).Select(r => r.Source).ToHashSet();
var rungs = all.Where(r => !unreliable.Contains(r.Source)).ToList();
var fit = rungs.Where(r => r.Set == "fit").ToList();
var holdout = rungs.Where(r => r.Set == "holdout").ToList();
Console.Error.WriteLine($"{rungs.Count} rungs: {fit.Count} fitting ({fit.Select(r => r.Source).Distinct().Count()} sources), {holdout.Count} held out");

// The covariate's exponent (how much detail raises the bits a picture needs) is chosen by cross-validation.
var report = new StringBuilder();
if (unreliable.Count > 0)
{
    report.AppendLine($"Sources left out (pristine rung below 40 dB PSNR against its source: labels unreliable): {string.Join(", ", unreliable.Order())}.").AppendLine();
}

double bestExponent = 0, bestCap = 40, bestCv = double.NegativeInfinity;
var bestLost = LostEnergyVariant.None;
var results = new List<(LostEnergyVariant Lost, double Exponent, double Cap, double Rho, double LadderRho)>();
report.AppendLine("### Leave-one-source-out cross-validation on the fitting sources").AppendLine();
report.AppendLine("| lost energy | detail exponent | NIQE cap | CV Spearman (pooled) | CV within-ladder Spearman (mean) | CV worst ladder | CV RMSE |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
LostEnergyVariant[] lostVariants =
[
    LostEnergyVariant.None, new(true, 0, [1, 1, 1, 1]), new(true, 2, [1, 1, 1, 1]), new(true, 3, [1, 1, 1, 1]), new(true, 4, [1, 1, 1, 1]),
    new(true, -2, [1, 1, 1, 1]), new(true, -3, [1, 1, 1, 1]),
];
foreach (var (lostVariant, exponent, cap) in
    from lostVariant in lostVariants
    from exponent in new[] { 0.0, 0.5, 1.0 }
    from cap in new[] { 40.0, 12.0, 9.0 }
    select (lostVariant, exponent, cap))
{
    var predicted = new List<(double Pred, double Truth)>();
    var byRung = new Dictionary<Rung, double>();
    foreach (var left in fit.Select(r => r.Source).Distinct())
    {
        var model = Fitter.Fit(fit.Where(r => r.Source != left).ToList(), exponent, cap, lostVariant);
        foreach (var r in fit.Where(r => r.Source == left))
        {
            byRung[r] = model.Predict(r);
            predicted.Add((byRung[r], r.Pseudo));
        }
    }

    var rho = Stats.Spearman(predicted.Select(p => p.Pred).ToList(), predicted.Select(p => p.Truth).ToList());
    var rmse = Math.Sqrt(predicted.Average(p => (p.Pred - p.Truth) * (p.Pred - p.Truth)));
    var ladderRho = Validation.MeanLadderSpearman(fit, r => byRung[r]);
    var worstLadder = Validation.WorstLadderSpearman(fit, r => byRung[r]);
    report.AppendLine($"| {lostVariant.Name} | {exponent:0.0} | {cap:0} | {rho:0.000} | {ladderRho:0.00} | {worstLadder:0.00} | {rmse:0.00} |");
    Console.Error.WriteLine($"  CV {lostVariant.Name} e={exponent:0.0} cap={cap:0}: Spearman {rho:0.000}, within-ladder {ladderRho:0.00}, worst {worstLadder:0.00}, RMSE {rmse:0.00}");
    results.Add((lostVariant, exponent, cap, rho, ladderRho));
}

// Both goals count: agreement across contents and the order within a ladder (the worst ladder is reported only:
// with one ladder per source and axis it is too noisy to choose by). The criterion is their mean; a lost-energy variant
// must in addition lose neither of the two against the best model without it (a feature that buys agreement across
// contents with the order of the ladders is what broke ladders before: docs/local-analysis.md, "Content-scaled deficits").
var baseline = results.Where(r => !r.Lost.Use).MaxBy(r => (r.Rho + r.LadderRho) / 2);
foreach (var r in results.Where(r => !r.Lost.Use || (r.Rho >= baseline.Rho && r.LadderRho >= baseline.LadderRho)))
{
    var criterion = (r.Rho + r.LadderRho) / 2;
    if (criterion > bestCv + 1e-9)
    {
        (bestCv, bestExponent, bestCap, bestLost) = (criterion, r.Exponent, r.Cap, r.Lost);
    }
}

var final = Fitter.Fit(fit, bestExponent, bestCap, bestLost);
report.AppendLine().AppendLine($"Chosen lost energy {bestLost.Name} (κ = {string.Join(", ", final.Lost.Ratios.Select(k => k.ToString("0.###", CultureInfo.InvariantCulture)))}), detail exponent {bestExponent:0.0}, NIQE cap {bestCap:0}. Weights (φ larger is worse; w ≥ 0):").AppendLine();
report.AppendLine("| feature | weight |").AppendLine("|---|---:|");
report.AppendLine($"| intercept | {final.Intercept:0.000} |");
for (var i = 0; i < ScoreModel.FeatureCount; i++)
{
    report.AppendLine($"| {ScoreModel.FeatureNames[i]} | {final.Weights[i]:0.000}{(Fitter.Fixed.ContainsKey(i) ? " (fixed, not fitted)" : "")} |");
}

report.AppendLine();
Console.Error.Write(report);
if (holdout.Count == 0)
{
    // A fitting-only run (cross-validation only): no held-out content to validate on.
    File.WriteAllText(args[1], final.ToCSharp(fit.Select(r => r.Source).Distinct().ToList()));
    File.WriteAllText(args[2], report.ToString());
    return 0;
}

Validation.Write(report, holdout, final, "held-out");
Validation.Write(report, fit, final, "fitting (in-sample, for reference)", tables: false);

var untouched = new List<(string Clip, double Score)>();
var footage = new StringBuilder();
if (args.Length > 3)
{
    footage.AppendLine("### Untouched real footage").AppendLine();
    footage.AppendLine("| clip | score | perceptual | prior | defects | BRISQUE | NIQE | bpp |").AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    var analyzer = new LocalVideoAnalyzer();
    foreach (var file in args.Skip(3))
    {
        var result = await analyzer.AnalyzeAsync(file);
        var b = result.Breakdown!;
        var inputs = Features.InputsOf(b, result.QualityEstimate);
        var reading = final.Read(inputs);
        var score = Math.Clamp(reading.Quality - b.DefectPenalty, 0, 10);
        untouched.Add((Path.GetFileName(file), score));
        footage.AppendLine(CultureInfo.InvariantCulture, $"| `{Path.GetFileName(file)}` | {score:0.0} | {reading.Perceptual:0.0} | {reading.EncodingPriorPenalty:0.0} | {b.DefectPenalty:0.0} | {b.Brisque:0.0} | {b.Niqe:0.00} | {b.BitsPerPixel:0.000} |");
    }

    footage.AppendLine();
}

Validation.WriteGoals(report, holdout, final, untouched);
report.Append(footage);

File.WriteAllText(args[1], final.ToCSharp(fit.Select(r => r.Source).Distinct().ToList()));
File.WriteAllText(args[2], report.ToString());
Console.WriteLine(report);
return 0;
