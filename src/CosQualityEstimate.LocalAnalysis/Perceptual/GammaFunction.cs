namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, 9 coefficients; relative error about 1e-15), which is
/// all the distribution fits need (.NET has no <c>tgamma</c>). Below 0.5 the reflection formula is used.
/// </summary>
internal static class GammaFunction
{
    private const double G = 7;

    private static readonly double[] Coefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Γ(x) Γ(1 − x) = π / sin(πx)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = Coefficients[0];
        var t = x + G + 0.5;
        for (var i = 1; i < Coefficients.Length; i++)
        {
            a += Coefficients[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }
}
