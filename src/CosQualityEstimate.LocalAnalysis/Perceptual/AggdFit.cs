namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// Fits an asymmetric generalised Gaussian distribution (AGGD) to coefficient sums by moment matching, the way
/// BRISQUE does (Mittal, Moorthy, Bovik 2012; OpenCV contrib <c>qualitybrisque.cpp</c>): left and right scales from
/// the mean squares of the negative and positive values, the shape γ where ρ(γ) = Γ(2/γ)² / (Γ(1/γ) Γ(3/γ)) meets the
/// normalised moment ratio.
/// </summary>
/// <remarks>
/// OpenCV walks a grid γ = 0.2, 0.201, … below 10 (about 9,800 steps, each three Γ evaluations) and keeps the step
/// before |ρ(γ) − r̂| first grows. ρ rises monotonically with γ, so that is the grid point nearest the crossing: here
/// ρ is tabulated once on the same grid (the same accumulated steps) and the crossing found by bisection, which
/// returns the same grid point.
/// </remarks>
internal static class AggdFit
{
    private static readonly double[] GammaGrid;
    private static readonly double[] RhoGrid;

    static AggdFit()
    {
        var gammas = new List<double>(9_801);
        for (var gam = 0.2; gam < 10; gam += 0.001)
        {
            gammas.Add(gam);
        }

        GammaGrid = [.. gammas];
        RhoGrid = new double[GammaGrid.Length];
        for (var i = 0; i < GammaGrid.Length; i++)
        {
            RhoGrid[i] = Rho(GammaGrid[i]);
        }
    }

    /// <summary>ρ(γ) = Γ(2/γ)² / (Γ(1/γ) Γ(3/γ)).</summary>
    public static double Rho(double gamma) => Math.Exp(
        (2 * GammaFunction.LogGamma(2 / gamma)) - GammaFunction.LogGamma(1 / gamma) - GammaFunction.LogGamma(3 / gamma));

    /// <summary>The AGGD parameters of the values summed in <paramref name="sums"/> over <paramref name="count"/>
    /// values (zeros included).</summary>
    public static AggdParameters Fit(in AggdSums sums, long count)
    {
        var left = Math.Sqrt(sums.NegativeSquares / sums.NegativeCount);
        var right = Math.Sqrt(sums.PositiveSquares / sums.PositiveCount);
        var gammaHat = left / right;
        var meanAbs = sums.Absolute / count;
        var rHat = meanAbs * meanAbs / ((sums.NegativeSquares + sums.PositiveSquares) / count);
        var rHatNorm = rHat * ((gammaHat * gammaHat * gammaHat) + 1) * (gammaHat + 1)
            / ((gammaHat * gammaHat) + 1) / ((gammaHat * gammaHat) + 1);
        return new AggdParameters(Shape(rHatNorm), left, right);
    }

    /// <summary>The grid γ whose ρ is nearest <paramref name="target"/> (OpenCV's walk, answered by bisection).</summary>
    public static double Shape(double target)
    {
        if (double.IsNaN(target))
        {
            // No comparison stops OpenCV's walk on NaN: it ends on the last grid point.
            return GammaGrid[^1];
        }

        // First index whose ρ reaches the target.
        int lo = 0, hi = RhoGrid.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (RhoGrid[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo == 0)
        {
            return GammaGrid[0];
        }

        if (lo == RhoGrid.Length)
        {
            return GammaGrid[^1];
        }

        // The walk moves on to lo unless its distance is larger than the previous step's.
        return RhoGrid[lo] - target > target - RhoGrid[lo - 1] ? GammaGrid[lo - 1] : GammaGrid[lo];
    }
}

/// <summary>Shape γ and the left/right scales of a fitted AGGD.</summary>
/// <param name="Shape">γ.</param>
/// <param name="LeftSigma">σ of the negative side.</param>
/// <param name="RightSigma">σ of the positive side.</param>
internal readonly record struct AggdParameters(double Shape, double LeftSigma, double RightSigma)
{
    /// <summary>The AGGD mean η = (σr − σl) Γ(2/γ) / Γ(1/γ) · √(Γ(1/γ) / Γ(3/γ)).</summary>
    public double Mean
    {
        get
        {
            var l1 = GammaFunction.LogGamma(1 / Shape);
            var l2 = GammaFunction.LogGamma(2 / Shape);
            var l3 = GammaFunction.LogGamma(3 / Shape);
            return (RightSigma - LeftSigma) * Math.Exp(l2 - l1) * Math.Exp(0.5 * (l1 - l3));
        }
    }
}

/// <summary>Sums over a set of coefficients that an AGGD fit needs.</summary>
internal struct AggdSums
{
    /// <summary>Σ x² over x &gt; 0.</summary>
    public double PositiveSquares;

    /// <summary>Σ x² over x &lt; 0.</summary>
    public double NegativeSquares;

    /// <summary>Σ |x|.</summary>
    public double Absolute;

    /// <summary>How many x &gt; 0.</summary>
    public long PositiveCount;

    /// <summary>How many x &lt; 0.</summary>
    public long NegativeCount;
}
