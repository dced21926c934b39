using System.Buffers;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// NIQE's patch features (Mittal, Soundararajan, Bovik, "Making a 'Completely Blind' Image Quality Analyzer", IEEE SPL
/// 2013): the picture's MSCN coefficients at full and half size (<see cref="BicubicHalf"/>), cut into 96×96 patches
/// (48×48 at half size, the same place); per patch and scale the 18 BRISQUE features of <see cref="NssFeatures"/>,
/// 36 in all, and the patch's sharpness (mean local σ at full size) used to pick pristine patches.
/// </summary>
/// <remarks>Differences from the 2013 release, ours to own: the coefficients' own distribution is fitted by BRISQUE's
/// AGGD (γ, (σl² + σr²)/2) rather than a symmetric GGD, and paired products take neighbours across a patch edge from
/// the picture (zero outside it) rather than wrapping round the patch.</remarks>
internal static class NiqeFeatures
{
    /// <summary>Patch side at full size.</summary>
    public const int PatchSize = 96;

    /// <summary>Features per patch.</summary>
    public const int FeatureCount = 2 * NssFeatures.PerScale;

    /// <summary>How many patches a picture of this size has.</summary>
    public static int PatchCount(int width, int height) => (width / PatchSize) * (height / PatchSize);

    /// <summary>Writes each patch's 36 features (row by row of patches) into <paramref name="features"/> and its
    /// sharpness into <paramref name="sharpness"/>; returns the number of patches. A flat patch's features are NaN.</summary>
    public static int Extract(ReadOnlySpan<byte> gray, int width, int height, int stride, Span<double> features, Span<double> sharpness)
    {
        PictureArguments.Check(gray, width, height, stride, PatchSize);
        var columns = width / PatchSize;
        var rows = height / PatchSize;
        var n = width * height;
        var hw = width / 2;
        var hh = height / 2;
        var image = ArrayPool<float>.Shared.Rent(n);
        var half = ArrayPool<float>.Shared.Rent(hw * hh);
        try
        {
            PictureArguments.ToUnitRange(gray, width, height, stride, image);
            using (var map = MscnMap.Compute(image.AsSpan(0, n), width, height, keepSigma: true))
            {
                var sigma = map.Sigma;
                for (var py = 0; py < rows; py++)
                {
                    for (var px = 0; px < columns; px++)
                    {
                        var i = (py * columns) + px;
                        NssFeatures.Compute(map, px * PatchSize, py * PatchSize, (px + 1) * PatchSize, (py + 1) * PatchSize,
                            features.Slice(i * FeatureCount, NssFeatures.PerScale));
                        sharpness[i] = MeanSigma(sigma, width, px * PatchSize, py * PatchSize);
                    }
                }
            }

            BicubicHalf.Resize(image.AsSpan(0, n), width, height, half);
            const int halfPatch = PatchSize / 2;
            using (var map = MscnMap.Compute(half.AsSpan(0, hw * hh), hw, hh, keepSigma: false))
            {
                for (var py = 0; py < rows; py++)
                {
                    for (var px = 0; px < columns; px++)
                    {
                        var i = (py * columns) + px;
                        NssFeatures.Compute(map, px * halfPatch, py * halfPatch, (px + 1) * halfPatch, (py + 1) * halfPatch,
                            features.Slice((i * FeatureCount) + NssFeatures.PerScale, NssFeatures.PerScale));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(half);
            ArrayPool<float>.Shared.Return(image);
        }

        return rows * columns;
    }

    private static double MeanSigma(ReadOnlySpan<float> sigma, int width, int x0, int y0)
    {
        double sum = 0;
        for (var y = y0; y < y0 + PatchSize; y++)
        {
            var row = sigma.Slice((y * width) + x0, PatchSize);
            var s = 0f;
            foreach (var v in row)
            {
                s += v;
            }

            sum += s;
        }

        return sum / (PatchSize * PatchSize);
    }
}
