using System.Buffers;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// Fits NIQE's pristine model: the sharp 96×96 patches (<see cref="Niqe.PristineSharpness"/>) of every pristine
/// picture, pooled, and the Gaussian of their features. Used by <c>tools/NiqeFit</c> and by the test that re-fits the
/// committed model.
/// </summary>
internal sealed class NiqeFitter
{
    private readonly List<double> _features = [];

    /// <summary>Pictures added so far.</summary>
    public int Pictures { get; private set; }

    /// <summary>Adds a pristine picture's sharp patches; returns how many were kept.</summary>
    public int Add(ReadOnlySpan<byte> gray, int width, int height, int stride)
    {
        var rows = Niqe.SelectedFeatures(gray, width, height, stride, sharpOnly: true, out var features);
        try
        {
            var kept = 0;
            for (var r = 0; r < rows; r++)
            {
                var row = features.AsSpan(r * NiqeFeatures.FeatureCount, NiqeFeatures.FeatureCount);
                var finite = true;
                foreach (var v in row)
                {
                    finite &= double.IsFinite(v);
                }

                if (finite)
                {
                    _features.AddRange(row.ToArray());
                    kept++;
                }
            }

            Pictures++;
            return kept;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(features);
        }
    }

    /// <summary>The pristine model of the pictures added.</summary>
    public NiqeModel Fit() =>
        NiqeModel.Fit(_features.ToArray(), _features.Count / NiqeFeatures.FeatureCount)
        ?? throw new InvalidOperationException("Fewer than two usable pristine patches.");
}
