using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Immerkær's fast noise estimate (1996): σ = √(π/2) / (6 (W−2)(H−2)) · Σ |I ∗ N| with the Laplacian-difference mask
/// N = [1 −2 1; −2 4 −2; 1 −2 1], computed on 16×16 blocks. Blocks near black or white (clipped) are skipped, and the
/// 10th percentile of the block estimates is kept, so the flattest parts of the picture decide and texture does not.
/// </summary>
internal static class NoiseEstimator
{
    private const int Block = 16;
    private static readonly double Scale = Math.Sqrt(Math.PI / 2) / (6.0 * (Block - 2) * (Block - 2));

    /// <summary>The frame's noise sigma (gray levels); <c>NaN</c> when no block is usable.</summary>
    /// <remarks>Speed (docs/performance.md): one block row of 16 pixels is one vector; the mask is applied as two
    /// second differences (horizontal, then vertical), which is the same integer sum as the 3×3 mask, so the estimate
    /// is exactly the pixel-by-pixel one (<c>FrameMeasureReferenceTests</c>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Estimate(GrayFrame frame)
    {
        var sigmas = new List<double>((frame.Width / Block) * (frame.Height / Block));
        var p = frame.Pixels;
        var w = frame.Width;
        Span<Vector128<short>> second = stackalloc Vector128<short>[2 * Block]; // per row of the block: lanes 0-7, 8-15
        for (var by = 0; by + Block <= frame.Height; by += Block)
        {
            for (var bx = 0; bx + Block <= w; bx += Block)
            {
                var sum = Vector128<ushort>.Zero;
                for (var y = 0; y < Block; y++)
                {
                    var pixels = Vector128.Create(p, ((by + y) * w) + bx);
                    var (low, high) = Vector128.Widen(pixels);
                    sum += low + high;

                    // Horizontal second difference p[x-1] - 2 p[x] + p[x+1]; lanes 0 and 15 are never used.
                    var left = Vector128.Shuffle(pixels, Vector128.Create((byte)0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
                    var right = Vector128.Shuffle(pixels, Vector128.Create((byte)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15));
                    var (leftLow, leftHigh) = Vector128.Widen(left);
                    var (rightLow, rightHigh) = Vector128.Widen(right);
                    second[2 * y] = (leftLow + rightLow - (low << 1)).AsInt16();
                    second[(2 * y) + 1] = (leftHigh + rightHigh - (high << 1)).AsInt16();
                }

                var mean = Vector128.Sum(sum) / (Block * Block);
                if (mean < 16 || mean > 235)
                {
                    continue;
                }

                var total = Vector128<ushort>.Zero; // at most 14 rows × 16 × 255 per lane: no overflow
                for (var y = 1; y < Block - 1; y++)
                {
                    for (var half = 0; half < 2; half++)
                    {
                        var v = second[(2 * (y - 1)) + half] - (second[(2 * y) + half] << 1) + second[(2 * (y + 1)) + half];
                        total += (Vector128.Abs(v) & (half == 0 ? FirstLaneOff : LastLaneOff)).AsUInt16();
                    }
                }

                var (totalLow, totalHigh) = Vector128.Widen(total);
                sigmas.Add(Vector128.Sum(totalLow + totalHigh) * Scale);
            }
        }

        if (sigmas.Count == 0)
        {
            return double.NaN;
        }

        sigmas.Sort();
        return sigmas[(int)(0.1 * (sigmas.Count - 1))];
    }

    /// <summary>Lanes 1-7 of the block's left half (x = 0 is the block's edge, outside the mask's interior).</summary>
    private static Vector128<short> FirstLaneOff => Vector128.Create((short)0, -1, -1, -1, -1, -1, -1, -1);

    /// <summary>Lanes 8-14 of the block's right half (x = 15 is the block's edge).</summary>
    private static Vector128<short> LastLaneOff => Vector128.Create((short)-1, -1, -1, -1, -1, -1, -1, 0);
}
