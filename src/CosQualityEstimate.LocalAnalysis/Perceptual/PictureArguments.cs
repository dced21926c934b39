using System.Runtime.Intrinsics;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>Checks and converts the 8-bit gray pictures the perceptual models are given.</summary>
internal static class PictureArguments
{
    /// <summary>Throws unless <paramref name="gray"/> holds <paramref name="height"/> rows of
    /// <paramref name="width"/> pixels <paramref name="stride"/> bytes apart and both sides are at least
    /// <paramref name="minimumSide"/>.</summary>
    public static void Check(ReadOnlySpan<byte> gray, int width, int height, int stride, int minimumSide)
    {
        if (width < minimumSide || height < minimumSide)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The picture is {width}×{height}; both sides must be at least {minimumSide}.");
        }

        if (stride < width)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), $"The stride ({stride}) is less than the width ({width}).");
        }

        if (gray.Length < ((long)(height - 1) * stride) + width)
        {
            throw new ArgumentException($"{gray.Length} bytes do not hold {height} rows of {width} pixels {stride} bytes apart.", nameof(gray));
        }
    }

    /// <summary>Writes the picture as floats in [0, 1] (x / 255 in single precision, OpenCV's <c>convertTo</c>),
    /// row by row without gaps.</summary>
    public static void ToUnitRange(ReadOnlySpan<byte> gray, int width, int height, int stride, Span<float> destination)
    {
        // Multiplying by the float nearest 1/255 is what OpenCV's convertTo(…, 1/255.) does for 8-bit to float.
        const float scale = (float)(1.0 / 255);
        for (var y = 0; y < height; y++)
        {
            var src = gray.Slice(y * stride, width);
            var dst = destination.Slice(y * width, width);
            var x = 0;

            // 16 bytes widened to 4 vectors of floats (exact), then the same single multiply as below.
            if (Vector128.IsHardwareAccelerated)
            {
                var s = Vector128.Create(scale);
                for (; x + 16 <= width; x += 16)
                {
                    var bytes = Vector128.Create(src.Slice(x, 16));
                    var (low, high) = Vector128.Widen(bytes);
                    var (a, b) = Vector128.Widen(low);
                    var (c, d) = Vector128.Widen(high);
                    (Vector128.ConvertToSingle(a.AsInt32()) * s).CopyTo(dst[x..]);
                    (Vector128.ConvertToSingle(b.AsInt32()) * s).CopyTo(dst[(x + 4)..]);
                    (Vector128.ConvertToSingle(c.AsInt32()) * s).CopyTo(dst[(x + 8)..]);
                    (Vector128.ConvertToSingle(d.AsInt32()) * s).CopyTo(dst[(x + 12)..]);
                }
            }

            for (; x < width; x++)
            {
                dst[x] = src[x] * scale;
            }
        }
    }
}
