using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// The half-size picture both models use for their second scale: ⌊w/2⌋ × ⌊h/2⌋ by bicubic interpolation with
/// OpenCV's <c>INTER_CUBIC</c> geometry (a = −0.75; source position (d + 0.5)·(w/⌊w/2⌋) − 0.5; edges replicated;
/// weights in single precision), rows first, then columns.
/// </summary>
internal static class BicubicHalf
{
    private const float A = -0.75f;

    /// <summary>Writes the half-size copy of <paramref name="source"/> into <paramref name="destination"/>
    /// (⌊w/2⌋·⌊h/2⌋ floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Resize(ReadOnlySpan<float> source, int width, int height, Span<float> destination)
    {
        var dw = width / 2;
        var dh = height / 2;
        var xIndex = ArrayPool<int>.Shared.Rent(4 * dw);
        var xWeight = ArrayPool<float>.Shared.Rent(4 * dw);
        var rows = ArrayPool<float>.Shared.Rent(4 * dw);
        try
        {
            Taps((double)width / dw, dw, width, xIndex, xWeight);
            Span<int> yIndex = stackalloc int[4];
            Span<float> yWeight = stackalloc float[4];
            var scaleY = (double)height / dh;

            // The four horizontally resampled rows a destination row needs, cached by source row index.
            Span<int> cached = [-1, -1, -1, -1];
            for (var dy = 0; dy < dh; dy++)
            {
                Tap(scaleY, dy, height, yIndex, yWeight);
                for (var k = 0; k < 4; k++)
                {
                    var slot = yIndex[k] & 3;
                    if (cached[slot] != yIndex[k])
                    {
                        ResampleRow(source.Slice(yIndex[k] * width, width), dw, xIndex, xWeight, rows.AsSpan(slot * dw, dw));
                        cached[slot] = yIndex[k];
                    }
                }

                var d = destination.Slice(dy * dw, dw);
                var r0 = rows.AsSpan((yIndex[0] & 3) * dw, dw);
                var r1 = rows.AsSpan((yIndex[1] & 3) * dw, dw);
                var r2 = rows.AsSpan((yIndex[2] & 3) * dw, dw);
                var r3 = rows.AsSpan((yIndex[3] & 3) * dw, dw);
                float b0 = yWeight[0], b1 = yWeight[1], b2 = yWeight[2], b3 = yWeight[3];
                var x = 0;

                // A vector of columns at a time, the same products and sums in the same order as the loop below.
                var v = Vector<float>.Count;
                var w0 = new Vector<float>(b0);
                var w1 = new Vector<float>(b1);
                var w2 = new Vector<float>(b2);
                var w3 = new Vector<float>(b3);
                for (; x + v <= dw; x += v)
                {
                    var sum = (new Vector<float>(r0[x..]) * w0) + (new Vector<float>(r1[x..]) * w1)
                        + (new Vector<float>(r2[x..]) * w2) + (new Vector<float>(r3[x..]) * w3);
                    sum.CopyTo(d[x..]);
                }

                for (; x < dw; x++)
                {
                    d[x] = (r0[x] * b0) + (r1[x] * b1) + (r2[x] * b2) + (r3[x] * b3);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(xWeight);
            ArrayPool<int>.Shared.Return(xIndex);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResampleRow(ReadOnlySpan<float> src, int dw, int[] index, float[] weight, Span<float> dst)
    {
        var x = 0;
        if (src.Length == 2 * dw && dw >= 2)
        {
            // An even width: every destination column has the same weights (source position 2x + 0.5) and the taps
            // 2x − 1 … 2x + 2, clamped only at the ends; the interior needs no index table.
            float a0 = weight[4], a1 = weight[5], a2 = weight[6], a3 = weight[7];
            ref var s = ref MemoryMarshal.GetReference(src);
            dst[0] = (src[index[0]] * weight[0]) + (src[index[1]] * weight[1])
                + (src[index[2]] * weight[2]) + (src[index[3]] * weight[3]);
            for (x = 1; x < dw - 1; x++)
            {
                ref var t = ref Unsafe.Add(ref s, (2 * x) - 1);
                dst[x] = (t * a0) + (Unsafe.Add(ref t, 1) * a1) + (Unsafe.Add(ref t, 2) * a2) + (Unsafe.Add(ref t, 3) * a3);
            }
        }

        for (; x < dw; x++)
        {
            var i = 4 * x;
            dst[x] = (src[index[i]] * weight[i]) + (src[index[i + 1]] * weight[i + 1])
                + (src[index[i + 2]] * weight[i + 2]) + (src[index[i + 3]] * weight[i + 3]);
        }
    }

    private static void Taps(double scale, int count, int size, int[] index, float[] weight)
    {
        for (var d = 0; d < count; d++)
        {
            Tap(scale, d, size, index.AsSpan(4 * d, 4), weight.AsSpan(4 * d, 4));
        }
    }

    // Source rows/columns and weights of destination position d (OpenCV's resize geometry and interpolateCubic).
    private static void Tap(double scale, int d, int size, Span<int> index, Span<float> weight)
    {
        var f = (float)(((d + 0.5) * scale) - 0.5);
        var s = (int)MathF.Floor(f);
        f -= s;
        weight[0] = ((((A * (f + 1)) - (5 * A)) * (f + 1)) + (8 * A)) * (f + 1) - (4 * A);
        weight[1] = ((((A + 2) * f) - (A + 3)) * f * f) + 1;
        weight[2] = ((((A + 2) * (1 - f)) - (A + 3)) * (1 - f) * (1 - f)) + 1;
        weight[3] = 1f - weight[0] - weight[1] - weight[2];
        for (var k = 0; k < 4; k++)
        {
            index[k] = Math.Clamp(s - 1 + k, 0, size - 1);
        }
    }
}
