using System.Globalization;
using System.Text;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// A multivariate Gaussian over NIQE's 36 patch features: the pristine model (fitted by <c>tools/NiqeFit</c>, embedded
/// as <c>niqe_pristine.txt</c>) or a test picture's.
/// </summary>
internal sealed class NiqeModel
{
    private const string Header = "# NIQE pristine model (CosQualityEstimate): mean and covariance of 36 patch features";

    private static readonly Lazy<NiqeModel> Pristine = new(() => Parse(BrisqueModel.Resource("niqe_pristine.txt")));

    public NiqeModel(double[] mean, double[] covariance, long patches)
    {
        Mean = mean;
        Covariance = covariance;
        Patches = patches;
    }

    /// <summary>The project's pristine model (loaded on first use; thread-safe).</summary>
    public static NiqeModel PristineModel => Pristine.Value;

    /// <summary>μ (36).</summary>
    public double[] Mean { get; }

    /// <summary>Σ (36 × 36, row by row; sample covariance, n − 1).</summary>
    public double[] Covariance { get; }

    /// <summary>The patches it was fitted on.</summary>
    public long Patches { get; }

    /// <summary>The Gaussian of the finite rows of <paramref name="features"/> (<paramref name="rows"/> × 36), or
    /// <c>null</c> with fewer than two.</summary>
    public static NiqeModel? Fit(ReadOnlySpan<double> features, int rows)
    {
        const int n = NiqeFeatures.FeatureCount;
        var mean = new double[n];
        var used = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = features.Slice(r * n, n);
            if (!IsFinite(row))
            {
                continue;
            }

            used++;
            for (var i = 0; i < n; i++)
            {
                mean[i] += row[i];
            }
        }

        if (used < 2)
        {
            return null;
        }

        for (var i = 0; i < n; i++)
        {
            mean[i] /= used;
        }

        var covariance = new double[n * n];
        Span<double> centred = stackalloc double[n];
        for (var r = 0; r < rows; r++)
        {
            var row = features.Slice(r * n, n);
            if (!IsFinite(row))
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                centred[i] = row[i] - mean[i];
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n; j++)
                {
                    covariance[(i * n) + j] += centred[i] * centred[j];
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                covariance[(i * n) + j] /= used - 1;
                covariance[(j * n) + i] = covariance[(i * n) + j];
            }
        }

        return new NiqeModel(mean, covariance, used);
    }

    /// <summary>NIQE's distance √((μp − μt)ᵀ ((Σp + Σt)/2)⁺ (μp − μt)).</summary>
    public double Distance(NiqeModel other)
    {
        const int n = NiqeFeatures.FeatureCount;
        Span<double> d = stackalloc double[n];
        Span<double> s = stackalloc double[n * n];
        for (var i = 0; i < n; i++)
        {
            d[i] = Mean[i] - other.Mean[i];
        }

        for (var i = 0; i < n * n; i++)
        {
            s[i] = (Covariance[i] + other.Covariance[i]) / 2;
        }

        return Math.Sqrt(Math.Max(0, SymmetricMatrix.PseudoInverseQuadraticForm(s, d, n)));
    }

    /// <summary>The model as text (invariant culture, round-trip precision).</summary>
    public string Format(IEnumerable<string> comments)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var c in comments)
        {
            text.Append("# ").Append(c).Append('\n');
        }

        text.Append("patches ").Append(Patches.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("mean ").AppendJoin(' ', Mean.Select(R)).Append('\n');
        const int n = NiqeFeatures.FeatureCount;
        for (var i = 0; i < n; i++)
        {
            text.Append("cov ").AppendJoin(' ', Covariance.Skip(i * n).Take(n).Select(R)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads <see cref="Format"/>'s text.</summary>
    public static NiqeModel Parse(string text)
    {
        long patches = 0;
        double[]? mean = null;
        var covariance = new List<double>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ');
            var values = parts.Skip(1).Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture));
            switch (parts[0])
            {
                case "patches":
                    patches = long.Parse(parts[1], CultureInfo.InvariantCulture);
                    break;
                case "mean":
                    mean = [.. values];
                    break;
                case "cov":
                    covariance.AddRange(values);
                    break;
                default:
                    throw new InvalidDataException($"Unknown line in the NIQE model: '{parts[0]}'.");
            }
        }

        const int n = NiqeFeatures.FeatureCount;
        if (mean is not { Length: n } || covariance.Count != n * n)
        {
            throw new InvalidDataException("The NIQE model needs 36 means and 36 × 36 covariances.");
        }

        return new NiqeModel(mean, [.. covariance], patches);
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsFinite(ReadOnlySpan<double> row)
    {
        foreach (var v in row)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
