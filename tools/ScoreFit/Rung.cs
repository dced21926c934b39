using CosQualityEstimate.LocalAnalysis.Scoring;

namespace ScoreFit;

/// <summary>One rung of a ladder: its label (full-reference metrics) and what the analyzer measured on it.</summary>
internal sealed record Rung(string Set, string Source, string Name, string Axis, string Level, double Ssim, double Psnr)
{
    public required ScoreInputs Inputs { get; init; }

    /// <summary>The defect penalty the analyzer charged (findings), taken off the model's reading.</summary>
    public double Penalty { get; init; }

    /// <summary>The score of the checklist this model replaces (10 − weights × √share, Noise weight 4).</summary>
    public double Checklist { get; init; }

    public double Pseudo => PseudoScore.Of(Ssim, Psnr);

    /// <summary>Position on its axis (0 = the pristine rung, CRF 18): the known order of the ladder.</summary>
    public double Severity => Axis switch
    {
        "crf" => double.Parse(Level, System.Globalization.CultureInfo.InvariantCulture) - 18,
        "scale" or "blur" or "noise" => double.Parse(Level, System.Globalization.CultureInfo.InvariantCulture),
        _ => double.NaN,
    };
}

/// <summary>
/// The pseudo-score of a rung from its luma SSIM and PSNR against its source, with fixed anchors (not fitted): each
/// metric is mapped piecewise linearly to 0–10 and the two are averaged. SSIM is read in decibels,
/// −10·log10(1 − SSIM): 20 dB (SSIM 0.99) → 10, 16 → 8.5, 13 (0.95) → 6, 10 (0.9) → 3.5, 7 → 1.5, 4 → 0; PSNR:
/// 45 dB → 10, 40 → 8.5, 35 → 6, 30 → 3.5, 25 → 1.5, 20 → 0. So "good" (6) is SSIM 0.95 / PSNR 35 dB.
/// </summary>
internal static class PseudoScore
{
    private static readonly (double X, double Y)[] SsimDb = [(4, 0), (7, 1.5), (10, 3.5), (13, 6), (16, 8.5), (20, 10)];
    private static readonly (double X, double Y)[] PsnrDb = [(20, 0), (25, 1.5), (30, 3.5), (35, 6), (40, 8.5), (45, 10)];

    public static double Of(double ssim, double psnr)
    {
        var ssimDb = -10 * Math.Log10(Math.Max(1e-6, 1 - ssim));
        return (Map(SsimDb, ssimDb) + Map(PsnrDb, double.IsFinite(psnr) ? psnr : 99)) / 2;
    }

    private static double Map((double X, double Y)[] anchors, double x)
    {
        if (x <= anchors[0].X)
        {
            return anchors[0].Y;
        }

        for (var i = 1; i < anchors.Length; i++)
        {
            if (x <= anchors[i].X)
            {
                var t = (x - anchors[i - 1].X) / (anchors[i].X - anchors[i - 1].X);
                return anchors[i - 1].Y + (t * (anchors[i].Y - anchors[i - 1].Y));
            }
        }

        return anchors[^1].Y;
    }
}
