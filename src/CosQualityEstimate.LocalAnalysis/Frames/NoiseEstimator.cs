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
    public static double Estimate(GrayFrame frame)
    {
        var sigmas = new List<double>((frame.Width / Block) * (frame.Height / Block));
        var p = frame.Pixels;
        var w = frame.Width;
        for (var by = 0; by + Block <= frame.Height; by += Block)
        {
            for (var bx = 0; bx + Block <= w; bx += Block)
            {
                var sum = 0;
                for (var y = by; y < by + Block; y++)
                {
                    var row = y * w;
                    for (var x = bx; x < bx + Block; x++)
                    {
                        sum += p[row + x];
                    }
                }

                var mean = sum / (Block * Block);
                if (mean < 16 || mean > 235)
                {
                    continue;
                }

                long total = 0;
                for (var y = by + 1; y < by + Block - 1; y++)
                {
                    var up = (y - 1) * w;
                    var mid = y * w;
                    var down = (y + 1) * w;
                    for (var x = bx + 1; x < bx + Block - 1; x++)
                    {
                        var v = p[up + x - 1] - (2 * p[up + x]) + p[up + x + 1]
                            - (2 * p[mid + x - 1]) + (4 * p[mid + x]) - (2 * p[mid + x + 1])
                            + p[down + x - 1] - (2 * p[down + x]) + p[down + x + 1];
                        total += Math.Abs(v);
                    }
                }

                sigmas.Add(total * Scale);
            }
        }

        if (sigmas.Count == 0)
        {
            return double.NaN;
        }

        sigmas.Sort();
        return sigmas[(int)(0.1 * (sigmas.Count - 1))];
    }
}
