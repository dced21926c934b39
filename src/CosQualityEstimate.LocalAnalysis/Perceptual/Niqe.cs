using System.Buffers;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// NIQE (Mittal, Soundararajan, Bovik 2013) with the project's own pristine model (<see cref="NiqeModel.PristineModel"/>,
/// fitted by <c>tools/NiqeFit</c>): the distance between the Gaussian of a picture's patch features and the pristine
/// Gaussian. Lower = closer to pristine (typically 2 … 20+). See docs/local-analysis.md, "Natural-scene statistics".
/// </summary>
/// <remarks>Thread-safe; scratch buffers come from <see cref="ArrayPool{T}"/> and are returned before the call ends.</remarks>
internal static class Niqe
{
    /// <summary>The smallest side: one patch (a score needs at least two usable patches, else it is <c>NaN</c>).</summary>
    public const int MinimumSide = NiqeFeatures.PatchSize;

    /// <summary>Sharpness threshold of the pristine fit: a patch is kept when its sharpness exceeds this fraction of
    /// the picture's sharpest patch (the 2013 release's 0.75).</summary>
    public const double PristineSharpness = 0.75;

    /// <summary>
    /// The NIQE score of a gray picture: <paramref name="gray"/> holds 8-bit luma rows of <paramref name="width"/>
    /// pixels, <paramref name="stride"/> bytes apart (a crop is a slice of a larger frame). Every 96×96 patch counts;
    /// flat patches (no structure) are left out. <c>NaN</c> with fewer than two usable patches.
    /// </summary>
    public static double Score(ReadOnlySpan<byte> gray, int width, int height, int stride)
    {
        var test = PictureModel(gray, width, height, stride, sharpOnly: false);
        return test is null ? double.NaN : NiqeModel.PristineModel.Distance(test);
    }

    /// <summary>The Gaussian of a picture's patch features (only its sharp patches when
    /// <paramref name="sharpOnly"/>), or <c>null</c> with fewer than two usable patches.</summary>
    internal static NiqeModel? PictureModel(ReadOnlySpan<byte> gray, int width, int height, int stride, bool sharpOnly)
    {
        var rows = SelectedFeatures(gray, width, height, stride, sharpOnly, out var features);
        try
        {
            return NiqeModel.Fit(features.AsSpan(0, rows * NiqeFeatures.FeatureCount), rows);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(features);
        }
    }

    /// <summary>The patch features of a picture, only the sharp ones when <paramref name="sharpOnly"/>, in a rented
    /// array the caller returns; the result is the number of rows.</summary>
    internal static int SelectedFeatures(ReadOnlySpan<byte> gray, int width, int height, int stride, bool sharpOnly, out double[] features)
    {
        PictureArguments.Check(gray, width, height, stride, MinimumSide);
        var patches = NiqeFeatures.PatchCount(width, height);
        features = ArrayPool<double>.Shared.Rent(patches * NiqeFeatures.FeatureCount);
        var sharpness = ArrayPool<double>.Shared.Rent(patches);
        try
        {
            NiqeFeatures.Extract(gray, width, height, stride, features, sharpness);
            if (!sharpOnly)
            {
                return patches;
            }

            var threshold = PristineSharpness * sharpness.AsSpan(0, patches).ToArray().Max();
            var kept = 0;
            for (var i = 0; i < patches; i++)
            {
                if (sharpness[i] > threshold)
                {
                    features.AsSpan(i * NiqeFeatures.FeatureCount, NiqeFeatures.FeatureCount)
                        .CopyTo(features.AsSpan(kept * NiqeFeatures.FeatureCount));
                    kept++;
                }
            }

            return kept;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sharpness);
        }
    }
}
