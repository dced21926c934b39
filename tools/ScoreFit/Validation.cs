using System.Globalization;
using System.Text;

namespace ScoreFit;

/// <summary>The validation figures of docs/local-analysis.md: ladders in their known order, agreement with the
/// full-reference pseudo-score across contents, the "≥ 6" decision, the issue's anchors, and the same for the baselines.</summary>
internal static class Validation
{
    private static readonly string[] Axes = ["crf", "scale", "blur", "noise"];

    public static void Write(StringBuilder report, IReadOnlyList<Rung> rungs, FittedModel model, string title, bool tables = true)
    {
        var methods = new List<(string Name, Func<Rung, double> Score)>
        {
            ("score (this model)", model.Predict),
            ("bits per pixel alone", r => Math.Log2(r.Inputs.BitsPerPixel)),
            ("BRISQUE alone", r => -r.Inputs.Brisque),
            ("NIQE alone", r => -r.Inputs.Niqe),
            ("old checklist", r => r.Checklist),
        };
        report.AppendLine(CultureInfo.InvariantCulture, $"### Agreement on {title} content ({rungs.Select(r => r.Source).Distinct().Count()} sources, {rungs.Count} rungs)").AppendLine();
        report.AppendLine("| method | within-ladder Spearman median | worst ladder | ladders with an adjacent inversion > 0.3 | Spearman with the pseudo-score | balanced accuracy of ≥ 6 |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, score) in methods)
        {
            var ladderRhos = new List<double>();
            var inversions = 0;
            foreach (var (source, axis, ladder) in Ladders(rungs))
            {
                var values = ladder.Select(score).ToList();
                if (values.Any(v => !double.IsFinite(v)))
                {
                    continue;
                }

                ladderRhos.Add(Stats.Spearman(values, ladder.Select(r => -r.Severity).ToList()));
                if (values.Zip(values.Skip(1), (a, b) => b - a).Any(d => d > (name.StartsWith("score", StringComparison.Ordinal) || name == "old checklist" ? 0.3 : double.PositiveInfinity)))
                {
                    inversions++;
                }
            }

            var finite = rungs.Where(r => double.IsFinite(score(r))).ToList();
            var rho = Stats.Spearman(finite.Select(score).ToList(), finite.Select(r => r.Pseudo).ToList());
            var balanced = name.StartsWith("score", StringComparison.Ordinal) || name == "old checklist" ? BalancedAccuracy(finite, score).ToString("0.00", CultureInfo.InvariantCulture) : "–";
            var inv = name.StartsWith("score", StringComparison.Ordinal) || name == "old checklist" ? inversions.ToString(CultureInfo.InvariantCulture) : "–";
            ladderRhos.Sort();
            var median = ladderRhos.Count == 0 ? double.NaN : ladderRhos.Count % 2 == 1 ? ladderRhos[ladderRhos.Count / 2] : (ladderRhos[(ladderRhos.Count / 2) - 1] + ladderRhos[ladderRhos.Count / 2]) / 2;
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {median:0.00} | {(ladderRhos.Count == 0 ? double.NaN : ladderRhos[0]):0.00} | {inv} of {ladderRhos.Count} | {rho:0.00} | {balanced} |");
        }

        report.AppendLine();
        if (!tables)
        {
            return;
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"### Ladders ({title}): score / pseudo-score of each rung").AppendLine();
        report.AppendLine("| source | axis | rungs (level: score / pseudo) | Spearman | misordered |").AppendLine("|---|---|---|---:|---|");
        foreach (var (source, axis, ladder) in Ladders(rungs))
        {
            var values = ladder.Select(model.Predict).ToList();
            var cells = string.Join(" · ", ladder.Select((r, i) => $"{(r.Axis == "crf" || r.Name == "crf18" ? "CRF " + (r.Name == "crf18" ? "18" : r.Level) : r.Level)}: {values[i]:0.0} / {r.Pseudo:0.0}"));
            var bad = new List<string>();
            for (var i = 1; i < values.Count; i++)
            {
                if (values[i] > values[i - 1])
                {
                    bad.Add($"{ladder[i].Name} > {ladder[i - 1].Name} by {values[i] - values[i - 1]:0.0}");
                }
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {source} | {axis} | {cells} | {Stats.Spearman(values, ladder.Select(r => -r.Severity).ToList()):0.00} | {(bad.Count == 0 ? "–" : string.Join("; ", bad))} |");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"### Anchors ({title})").AppendLine();
        report.AppendLine("| source | pristine (CRF 18) ≥ 8.5 | 360p CRF 38 ≤ 4.5 | noise 16 ≤ 5 | pairs: blur 1.5 + CRF 38 / noise 8 + CRF 30 |").AppendLine("|---|---:|---:|---:|---|");
        foreach (var source in rungs.Select(r => r.Source).Distinct())
        {
            string Cell(string name, Func<double, bool> goal)
            {
                var rung = rungs.FirstOrDefault(r => r.Source == source && r.Name == name);
                if (rung is null)
                {
                    return "–";
                }

                var s = model.Predict(rung);
                return $"{s:0.0}{(goal(s) ? "" : " ✗")} (pseudo {rung.Pseudo:0.0})";
            }

            var height = rungs.First(r => r.Source == source).Inputs.CodedHeight;
            var low = height >= 720 ? Cell("half-crf38", s => s <= 4.5) : "– (source < 720 lines)";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {source} | {Cell("crf18", s => s >= 8.5)} | {low} | {Cell("noise16", s => s <= 5)} | {Cell("blur1.5-crf38", _ => true)} / {Cell("noise8-crf30", _ => true)} |");
        }

        report.AppendLine();
    }

    /// <summary>The ladders: per source and axis, the pristine rung (CRF 18) then the axis's rungs by severity.</summary>
    internal static IEnumerable<(string Source, string Axis, List<Rung> Ladder)> Ladders(IReadOnlyList<Rung> rungs)
    {
        foreach (var source in rungs.Select(r => r.Source).Distinct())
        {
            var pristine = rungs.First(r => r.Source == source && r.Name == "crf18");
            foreach (var axis in Axes)
            {
                var ladder = rungs.Where(r => r.Source == source && r.Axis == axis && r.Name != "crf18").OrderBy(r => r.Severity).Prepend(pristine).ToList();
                yield return (source, axis, ladder);
            }
        }
    }

    /// <summary>The goals of issue 22 on <paramref name="rungs"/> (held-out) and the untouched clips' scores, measured.</summary>
    public static void WriteGoals(StringBuilder report, IReadOnlyList<Rung> rungs, FittedModel model, IReadOnlyList<(string Clip, double Score)> untouched, string title = "held-out content")
    {
        static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        static string Yes(bool met) => met ? "yes" : "**no**";
        var ladders = Ladders(rungs).Select(l => (l.Source, l.Axis, Values: l.Ladder.Select(model.Predict).ToList(), l.Ladder)).ToList();
        var rhos = ladders.Select(l => (l.Source, l.Axis, Rho: Stats.Spearman(l.Values, l.Ladder.Select(r => -r.Severity).ToList()))).OrderBy(l => l.Rho).ToList();
        var sorted = rhos.Select(r => r.Rho).ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var inverted = ladders.Where(l => l.Values.Zip(l.Values.Skip(1), (a, b) => b - a).Any(d => d > 0.3)).Select(l => $"{l.Source} {l.Axis}").ToList();
        double Rho(Func<Rung, double> score)
        {
            var finite = rungs.Where(r => double.IsFinite(score(r))).ToList();
            return Stats.Spearman(finite.Select(score).ToList(), finite.Select(r => r.Pseudo).ToList());
        }

        var rho = Rho(model.Predict);
        var baselines = new (string Name, double Rho)[]
        {
            ("bits per pixel", Rho(r => Math.Log2(r.Inputs.BitsPerPixel))), ("BRISQUE", Rho(r => -r.Inputs.Brisque)),
            ("NIQE", Rho(r => -r.Inputs.Niqe)), ("old checklist", Rho(r => r.Checklist)),
        };
        var balanced = BalancedAccuracy(rungs, model.Predict);
        string Anchor(string name, Func<Rung, bool> applies, Func<double, bool> goal, out bool met)
        {
            var cells = rungs.Where(r => r.Name == name && applies(r)).Select(r => (r.Source, Score: model.Predict(r))).ToList();
            met = cells.All(c => goal(c.Score));
            var ok = cells.Count(c => goal(c.Score));
            return $"{string.Join(", ", cells.Select(c => $"{c.Source} {c.Score:0.0}"))} ({ok} of {cells.Count})";
        }

        bool Tall(Rung r) => rungs.First(p => p.Source == r.Source && p.Name == "crf18").Inputs.CodedHeight >= 720;
        report.AppendLine(CultureInfo.InvariantCulture, $"### Goals of issue 22 on {title}").AppendLine();
        report.AppendLine("| goal | measured | met |").AppendLine("|---|---|---|");
        report.AppendLine($"| within-ladder Spearman median ≥ 0.95 | {F(median)} | {Yes(median >= 0.95)} |");
        report.AppendLine($"| worst ladder ≥ 0.8 | {F(rhos[0].Rho)} ({rhos[0].Source} {rhos[0].Axis}) | {Yes(rhos[0].Rho >= 0.8)} |");
        report.AppendLine($"| no adjacent inversion > 0.3 | {(inverted.Count == 0 ? "none" : string.Join(", ", inverted))} | {Yes(inverted.Count == 0)} |");
        report.AppendLine($"| Spearman ≥ 0.85 with the pseudo-score across contents | {F(rho)} | {Yes(rho >= 0.85)} |");
        report.AppendLine($"| beats each baseline (Spearman across contents) | {string.Join(", ", baselines.Select(b => $"{b.Name} {F(b.Rho)}"))} | {Yes(baselines.All(b => rho > b.Rho))} |");
        report.AppendLine($"| balanced accuracy of \"≥ 6\" ≥ 0.9 | {F(balanced)} | {Yes(balanced >= 0.9)} |");
        var pristine = Anchor("crf18", Tall, v => v >= 8.5, out var pristineMet);
        report.AppendLine($"| pristine 720p ≥ 8.5 | {pristine} | {Yes(pristineMet)} |");
        var low = Anchor("half-crf38", Tall, v => v <= 4.5, out var lowMet);
        report.AppendLine($"| 360p CRF 38 ≤ 4.5 | {low} | {Yes(lowMet)} |");
        var noise = Anchor("noise16", _ => true, v => v <= 5, out var noiseMet);
        report.AppendLine($"| noise σ 16 ≤ 5 | {noise} | {Yes(noiseMet)} |");
        if (untouched.Count > 0)
        {
            var below = untouched.Where(u => u.Score < 6).ToList();
            report.AppendLine($"| untouched real footage ≥ 6 | {(below.Count == 0 ? "all" : "below 6: " + string.Join(", ", below.Select(u => $"`{u.Clip}` {u.Score:0.0}")))} ({untouched.Count - below.Count} of {untouched.Count}) | {Yes(below.Count == 0)} |");
        }

        report.AppendLine();
    }

    /// <summary>The mean within-ladder Spearman of <paramref name="score"/> with the known order.</summary>
    public static double MeanLadderSpearman(IReadOnlyList<Rung> rungs, Func<Rung, double> score) =>
        Ladders(rungs).Average(l => Stats.Spearman(l.Ladder.Select(score).ToList(), l.Ladder.Select(r => -r.Severity).ToList()));

    /// <summary>The lowest within-ladder Spearman of <paramref name="score"/> with the known order.</summary>
    public static double WorstLadderSpearman(IReadOnlyList<Rung> rungs, Func<Rung, double> score) =>
        Ladders(rungs).Min(l => Stats.Spearman(l.Ladder.Select(score).ToList(), l.Ladder.Select(r => -r.Severity).ToList()));

    /// <summary>How many ladders of <paramref name="rungs"/> have an adjacent inversion larger than 0.3 under
    /// <paramref name="score"/> (a rung more severe than its neighbour scoring more than 0.3 above it: the issue's goal).</summary>
    public static int InvertedLadders(IReadOnlyList<Rung> rungs, Func<Rung, double> score) =>
        Ladders(rungs).Count(l =>
        {
            var values = l.Ladder.Select(score).ToList();
            return values.Zip(values.Skip(1), (a, b) => b - a).Any(d => d > 0.3);
        });

    private static double BalancedAccuracy(IReadOnlyList<Rung> rungs, Func<Rung, double> score)
    {
        var good = rungs.Where(r => r.Pseudo >= 6).ToList();
        var bad = rungs.Where(r => r.Pseudo < 6).ToList();
        var tpr = good.Count == 0 ? 1 : good.Count(r => score(r) >= 6) / (double)good.Count;
        var tnr = bad.Count == 0 ? 1 : bad.Count(r => score(r) < 6) / (double)bad.Count;
        return (tpr + tnr) / 2;
    }
}
