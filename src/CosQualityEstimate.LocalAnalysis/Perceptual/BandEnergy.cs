using System.Buffers;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// Band energies of a picture on a Haar (2×2 box) pyramid: <c>E_b</c> is the mean squared difference, per pixel of
/// level <c>b</c>, between the level-<c>b</c> picture and the mean of its 2×2 block — the energy the next halving
/// removes, i.e. the octave of spatial frequencies between ¼ and ½ cycle per level-<c>b</c> pixel. Level 0 is the
/// picture itself (finest band), level 4 the 1/16 scale. Natural pictures are close to scale-invariant, so a sharp
/// picture's band energies fall off with a stable ratio per octave; blur, down-scaling and compression remove
/// fine-band energy, and how much they remove (in gray levels², the unit of the MSE that PSNR counts) is read against
/// what the coarse bands predict (<see cref="Scoring.ScoreModel.LostEnergy"/>). Gray levels 0–255; one pass over the
/// picture and a quarter-size float buffer from <see cref="ArrayPool{T}"/> (returned): no per-frame image is kept.
/// </summary>
internal static class BandEnergy
{
    /// <summary>Number of bands (levels 0 … 4).</summary>
    public const int Levels = 5;

    /// <summary>The band energies of the <paramref name="width"/> × <paramref name="height"/> picture at
    /// <paramref name="pixels"/> (row stride <paramref name="stride"/>); a band whose level is smaller than 2×2 is NaN.</summary>
    public static double[] Measure(ReadOnlySpan<byte> pixels, int width, int height, int stride)
    {
        var energies = new double[Levels];
        Array.Fill(energies, double.NaN);
        var w = width / 2;
        var h = height / 2;
        if (w < 1 || h < 1)
        {
            return energies;
        }

        var buffer = ArrayPool<float>.Shared.Rent(w * h);
        try
        {
            // Level 0 in integers (exact): per 2×2 block, Σ(x − m)² = (4·Σx² − (Σx)²) / 4.
            long acc = 0;
            for (var y = 0; y < h; y++)
            {
                var top = pixels.Slice(2 * y * stride, 2 * w);
                var bottom = pixels.Slice(((2 * y) + 1) * stride, 2 * w);
                var output = buffer.AsSpan(y * w, w);
                long rowAcc = 0;
                for (var x = 0; x < w; x++)
                {
                    int a = top[2 * x], b = top[(2 * x) + 1], c = bottom[2 * x], d = bottom[(2 * x) + 1];
                    var s = a + b + c + d;
                    rowAcc += (4 * ((a * a) + (b * b) + (c * c) + (d * d))) - (s * s);
                    output[x] = s * 0.25f;
                }

                acc += rowAcc;
            }

            energies[0] = acc / (16.0 * w * h);

            // Levels 1 … 4 in place on the float buffer (row j of the output is written before rows 2j, 2j + 1 are
            // needed again: never).
            for (var level = 1; level < Levels; level++)
            {
                var nw = w / 2;
                var nh = h / 2;
                if (nw < 1 || nh < 1)
                {
                    break;
                }

                double sum = 0;
                for (var y = 0; y < nh; y++)
                {
                    var rowSum = 0f;
                    var t = 2 * y * w;
                    var u = t + w;
                    var o = y * nw;
                    for (var x = 0; x < nw; x++)
                    {
                        float a = buffer[t + (2 * x)], b = buffer[t + (2 * x) + 1], c = buffer[u + (2 * x)], d = buffer[u + (2 * x) + 1];
                        var m = (a + b + c + d) * 0.25f;
                        float da = a - m, db = b - m, dc = c - m, dd = d - m;
                        rowSum += (da * da) + (db * db) + (dc * dc) + (dd * dd);
                        buffer[o + x] = m;
                    }

                    sum += rowSum;
                }

                energies[level] = sum / (4.0 * nw * nh);
                w = nw;
                h = nh;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return energies;
    }
}
