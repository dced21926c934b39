using System.Globalization;
using System.Text;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// OpenCV's LIVE-trained BRISQUE model: an ε-SVR with an RBF kernel over 36 features scaled to [−1, 1] by a per-feature
/// range. Read once from the embedded <c>brisque_model_live.yml</c> and <c>brisque_range_live.yml</c> (Debian
/// <c>opencv-data</c> 4.6.0+dfsg-12, unchanged; origin and licence in <c>Perceptual/Models/README.md</c>).
/// </summary>
internal sealed class BrisqueModel
{
    /// <summary>Features of the model.</summary>
    public const int FeatureCount = 36;

    private static readonly Lazy<BrisqueModel> Live = new(() => Load(
        Resource("brisque_model_live.yml"), Resource("brisque_range_live.yml")));

    private BrisqueModel(double gamma, double rho, float[] supportVectors, double[] alpha, float[] minimum, float[] maximum)
    {
        Gamma = gamma;
        Rho = rho;
        SupportVectors = supportVectors;
        Alpha = alpha;
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The LIVE model (loaded on first use; thread-safe).</summary>
    public static BrisqueModel LiveModel => Live.Value;

    /// <summary>RBF kernel γ: K(u, v) = exp(−γ ‖u − v‖²).</summary>
    public double Gamma { get; }

    /// <summary>The decision function's offset: f(x) = Σ αᵢ K(svᵢ, x) − ρ.</summary>
    public double Rho { get; }

    /// <summary>The support vectors, <see cref="FeatureCount"/> floats each.</summary>
    public float[] SupportVectors { get; }

    /// <summary>The coefficient of each support vector.</summary>
    public double[] Alpha { get; }

    /// <summary>Per-feature minimum of the range file (maps to −1).</summary>
    public float[] Minimum { get; }

    /// <summary>Per-feature maximum of the range file (maps to +1).</summary>
    public float[] Maximum { get; }

    /// <summary>Parses the two files of OpenCV's YAML (the <c>opencv_ml_svm</c> and the <c>range</c> matrix).</summary>
    public static BrisqueModel Load(string modelYaml, string rangeYaml)
    {
        var gamma = Scalar(modelYaml, "gamma:");
        var varCount = (int)Scalar(modelYaml, "var_count:");
        var total = (int)Scalar(modelYaml, "sv_total:");
        if (varCount != FeatureCount)
        {
            throw new InvalidDataException($"The BRISQUE model has {varCount} features, not {FeatureCount}.");
        }

        var svStart = modelYaml.IndexOf("support_vectors:", StringComparison.Ordinal);
        var svEnd = modelYaml.IndexOf("decision_functions:", StringComparison.Ordinal);
        var sv = Numbers(modelYaml.AsSpan(svStart + "support_vectors:".Length, svEnd - svStart - "support_vectors:".Length));
        if (sv.Count != total * FeatureCount)
        {
            throw new InvalidDataException($"The BRISQUE model has {sv.Count} support-vector values, not {total} × {FeatureCount}.");
        }

        var decision = modelYaml.AsSpan(svEnd);
        var rho = Scalar(decision.ToString(), "rho:");
        var alphaStart = decision.IndexOf("alpha:");
        var alphaEnd = decision[alphaStart..].IndexOf(']') + alphaStart;
        var alpha = Numbers(decision[(alphaStart + "alpha:".Length)..alphaEnd]);
        if (alpha.Count != total || decision.IndexOf("index:") >= 0)
        {
            throw new InvalidDataException("The BRISQUE model's decision function is not one coefficient per support vector.");
        }

        var dataStart = rangeYaml.IndexOf("data:", StringComparison.Ordinal);
        var range = Numbers(rangeYaml.AsSpan(dataStart + "data:".Length));
        if (range.Count != 2 * FeatureCount)
        {
            throw new InvalidDataException($"The BRISQUE range has {range.Count} values, not 2 × {FeatureCount}.");
        }

        return new BrisqueModel(
            gamma,
            rho,
            [.. sv.Select(d => (float)d)],
            [.. alpha],
            [.. range.Take(FeatureCount).Select(d => (float)d)],
            [.. range.Skip(FeatureCount).Select(d => (float)d)]);
    }

    /// <summary>The SVR's prediction for the raw (unscaled) features, not clamped.</summary>
    public double Predict(ReadOnlySpan<float> features)
    {
        Span<float> scaled = stackalloc float[FeatureCount];
        for (var i = 0; i < FeatureCount; i++)
        {
            // OpenCV's quality_utils::scale, in single precision: −1 + 2 (x − min) / (max − min).
            scaled[i] = -1f + (2f * (features[i] - Minimum[i]) / (Maximum[i] - Minimum[i]));
        }

        var sum = -Rho;
        var sv = SupportVectors.AsSpan();
        for (var j = 0; j < Alpha.Length; j++)
        {
            var row = sv.Slice(j * FeatureCount, FeatureCount);
            var distance = 0f;
            for (var i = 0; i < FeatureCount; i++)
            {
                var d = row[i] - scaled[i];
                distance += d * d;
            }

            sum += Alpha[j] * Math.Exp(-Gamma * distance);
        }

        return sum;
    }

    /// <summary>The text of an embedded model file.</summary>
    internal static string Resource(string name)
    {
        using var stream = typeof(BrisqueModel).Assembly.GetManifestResourceStream("CosQualityEstimate.LocalAnalysis.Perceptual.Models." + name)
            ?? throw new InvalidOperationException($"The embedded model file {name} is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static double Scalar(string text, string key)
    {
        var start = text.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"The BRISQUE model has no '{key}'.");
        }

        var numbers = Numbers(text.AsSpan(start + key.Length, Math.Min(64, text.Length - start - key.Length)), 1);
        return numbers[0];
    }

    // The numbers of a YAML flow sequence (or the first numbers of a scalar), whatever the line breaks.
    private static List<double> Numbers(ReadOnlySpan<char> text, int limit = int.MaxValue)
    {
        var result = new List<double>();
        var i = 0;
        while (i < text.Length && result.Count < limit)
        {
            var c = text[i];
            if (char.IsDigit(c) || (c is '-' or '+' or '.' && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    i++;
                }

                result.Add(double.Parse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture));
            }
            else if (char.IsLetter(c))
            {
                // A key (e.g. the next field): numbers end here.
                break;
            }
            else
            {
                i++;
            }
        }

        return result;
    }
}
