using CosQualityEstimate.LocalAnalysis.Detection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using CosQualityEstimate.LocalAnalysis.Perceptual;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Measures BRISQUE and NIQE (<see cref="Perceptual"/>) on the picture of a gray frame without its letterbox or
/// pillarbox bars (<see cref="BarMeter"/>). A solid or black frame is not measured (nothing natural to measure).
/// BRISQUE is computed per tile and pooled over the more structured half of the tiles: a plain wall, a sky or a blurred
/// background (large smooth areas of ordinary footage, which BRISQUE alone condemns) does not decide; a degradation of
/// the whole picture (compression, scaling, blur, noise) is seen in every tile, the structured ones included.
/// </summary>
internal static class PerceptualMeter
{
    /// <summary>Side of a BRISQUE tile in gray pixels (its half scale is still 96 px, the NIQE patch size).</summary>
    public const int TileSize = 192;

    /// <summary>The share of tiles, the most structured first, that BRISQUE is pooled over.</summary>
    public const double StructuredTileShare = 0.5;

    /// <summary>A picture (or tile) whose luma standard deviation is below this (gray levels) is solid: not measured.
    /// A smooth sky or a blurred wall still varies by more than this; a black or one-colour frame does not.</summary>
    public const double SolidStdDev = 2;

    /// <summary>The smallest picture (inside the bars) measured, pixels per side.</summary>
    public const int MinimumSide = 96;

    /// <summary>The frame's sample; <c>null</c> when the picture inside the bars is too small or solid (every tile solid).</summary>
    public static PerceptualSample? Measure(GrayFrame frame, UniformBars bars)
    {
        var x0 = bars.Left;
        var y0 = bars.Top;
        var width = frame.Width - bars.Left - bars.Right;
        var height = frame.Height - bars.Top - bars.Bottom;
        if (width < MinimumSide || height < MinimumSide)
        {
            return null;
        }

        var pixels = frame.Pixels.AsSpan();
        var stride = frame.Width;
        if (StdDev(pixels, stride, x0, y0, width, height) < SolidStdDev)
        {
            return null;
        }

        var detail = Detail(pixels, stride, x0, y0, width, height);
        var coarse = CoarseDetail.Measure(pixels[((y0 * stride) + x0)..], width, height, stride);

        // Tiles over the picture, centred (the margin left over is split on both sides).
        var columns = Math.Max(1, width / TileSize);
        var rows = Math.Max(1, height / TileSize);
        var tileWidth = Math.Min(TileSize, width);
        var tileHeight = Math.Min(TileSize, height);
        var left = x0 + ((width - (columns * tileWidth)) / 2);
        var top = y0 + ((height - (rows * tileHeight)) / 2);
        var tiles = new List<(int X, int Y, double Detail)>(columns * rows);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var x = left + (c * tileWidth);
                var y = top + (r * tileHeight);
                if (StdDev(pixels, stride, x, y, tileWidth, tileHeight) >= SolidStdDev)
                {
                    tiles.Add((x, y, Detail(pixels, stride, x, y, tileWidth, tileHeight)));
                }
            }
        }

        if (tiles.Count == 0)
        {
            return null;
        }

        var chosen = tiles.OrderByDescending(t => t.Detail).Take(Math.Max(1, (int)Math.Ceiling(tiles.Count * StructuredTileShare))).ToArray();
        var scores = new double[chosen.Length];
        var niqe = double.NaN;
        double[]? bands = null;
        var frameArray = frame.Pixels;
        Parallel.Invoke(
            () => niqe = Niqe.Score(frameArray.AsSpan((y0 * stride) + x0), width, height, stride),
            () => bands = BandEnergy.Measure(frameArray.AsSpan((y0 * stride) + x0), width, height, stride),
            () => Parallel.For(0, chosen.Length, i =>
            {
                var tile = chosen[i];
                scores[i] = Brisque.Score(frameArray.AsSpan((tile.Y * stride) + tile.X), tileWidth, tileHeight, stride);
            }));

        var finite = scores.Where(double.IsFinite).ToArray();
        var brisque = finite.Length == 0 ? double.NaN : finite.Average();
        return new PerceptualSample(frame.Time, brisque, niqe, detail, bands, coarse);
    }

    /// <summary>Luma standard deviation over the rectangle, on every 4th row and column (speed).</summary>
    internal static double StdDev(ReadOnlySpan<byte> pixels, int stride, int x0, int y0, int width, int height)
    {
        long sum = 0, squares = 0, count = 0;
        for (var y = y0; y < y0 + height; y += 4)
        {
            var row = pixels.Slice((y * stride) + x0, width);
            for (var x = 0; x < width; x += 4)
            {
                int v = row[x];
                sum += v;
                squares += v * v;
                count++;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        var mean = (double)sum / count;
        return Math.Sqrt(Math.Max(0, ((double)squares / count) - (mean * mean)));
    }

    /// <summary>Mean absolute horizontal + vertical luma difference over the rectangle, on every 2nd row (speed).</summary>
    internal static double Detail(ReadOnlySpan<byte> pixels, int stride, int x0, int y0, int width, int height)
    {
        long sum = 0;
        long count = 0;
        for (var y = y0; y < y0 + height - 1; y += 2)
        {
            var row = pixels.Slice((y * stride) + x0, width);
            var next = pixels.Slice(((y + 1) * stride) + x0, width);
            var x = 0;
            if (Sse2.IsSupported)
            {
                // 16 columns at a time: psadbw sums the absolute byte differences exactly (integers, any order).
                var total = Vector128<ulong>.Zero;
                for (; x + 16 < width; x += 16)
                {
                    var here = Vector128.Create(row.Slice(x, 16));
                    total += Sse2.SumAbsoluteDifferences(Vector128.Create(row.Slice(x + 1, 16)), here).AsUInt64();
                    total += Sse2.SumAbsoluteDifferences(Vector128.Create(next.Slice(x, 16)), here).AsUInt64();
                }

                sum += (long)(total.GetElement(0) + total.GetElement(1));
            }

            for (; x < width - 1; x++)
            {
                sum += Math.Abs(row[x + 1] - row[x]) + Math.Abs(next[x] - row[x]);
            }

            count += width - 1;
        }

        return count == 0 ? 0 : sum / (2.0 * count);
    }
}
