using System.Buffers;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// BRISQUE (Mittal, Moorthy, Bovik, "No-Reference Image Quality Assessment in the Spatial Domain", IEEE TIP 2012)
/// with OpenCV's LIVE-trained model: 0 = best … 100 = worst (OpenCV's scale). Our implementation of the algorithm
/// of OpenCV contrib's <c>QualityBRISQUE</c> (docs/local-analysis.md, "Natural-scene statistics"); parity with it is
/// tested (<c>BrisqueParityTests</c>).
/// </summary>
/// <remarks>Thread-safe; scratch buffers come from <see cref="ArrayPool{T}"/> and are returned before the call ends.</remarks>
internal static class Brisque
{
    /// <summary>The smallest picture side the two scales and the 7×7 window need.</summary>
    public const int MinimumSide = 16;

    /// <summary>
    /// The BRISQUE score of a gray picture: <paramref name="gray"/> holds 8-bit luma rows of
    /// <paramref name="width"/> pixels, <paramref name="stride"/> bytes apart (so a crop is a slice of a larger
    /// frame). <c>NaN</c> when the picture has no structure to measure (a solid frame), as OpenCV's is.
    /// </summary>
    public static double Score(ReadOnlySpan<byte> gray, int width, int height, int stride)
    {
        Span<float> features = stackalloc float[BrisqueModel.FeatureCount];
        Features(gray, width, height, stride, features);
        var prediction = BrisqueModel.LiveModel.Predict(features);

        // OpenCV: std::min(std::max(result, 0.f), 100.f) on the float result (NaN stays NaN).
        var result = (float)prediction;
        return float.IsNaN(result) ? double.NaN : Math.Clamp(result, 0f, 100f);
    }

    /// <summary>The 36 features (18 per scale, unscaled) in OpenCV's order and precision.</summary>
    public static void Features(ReadOnlySpan<byte> gray, int width, int height, int stride, Span<float> features)
    {
        PictureArguments.Check(gray, width, height, stride, MinimumSide);
        var n = width * height;
        var image = ArrayPool<float>.Shared.Rent(n);
        var half = ArrayPool<float>.Shared.Rent((width / 2) * (height / 2));
        Span<double> scale = stackalloc double[NssFeatures.PerScale];
        try
        {
            PictureArguments.ToUnitRange(gray, width, height, stride, image);
            using (var map = MscnMap.Compute(image.AsSpan(0, n), width, height, keepSigma: false))
            {
                NssFeatures.Compute(map, 0, 0, width, height, scale);
                Store(scale, features);
            }

            BicubicHalf.Resize(image.AsSpan(0, n), width, height, half);
            using (var map = MscnMap.Compute(half.AsSpan(0, (width / 2) * (height / 2)), width / 2, height / 2, keepSigma: false))
            {
                NssFeatures.Compute(map, 0, 0, width / 2, height / 2, scale);
                Store(scale, features[NssFeatures.PerScale..]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(half);
            ArrayPool<float>.Shared.Return(image);
        }
    }

    private static void Store(ReadOnlySpan<double> scale, Span<float> features)
    {
        for (var i = 0; i < scale.Length; i++)
        {
            features[i] = (float)scale[i];
        }
    }
}
