using CosQualityEstimate.LocalAnalysis.Detection;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Measures letterbox / pillarbox bars on a gray frame: from each edge inwards, the run of rows (or columns) whose
/// pixels are all of one kind — near black (mean at most the limit) or near white (mean at least 255 − limit) — and
/// uniform (standard deviation at most the limit). A dark scene edge, a vignette or a night sky has texture, grain or
/// a gradient and stops the run early; a real bar is flat to the pixel. One pass over the frame per side.
/// </summary>
internal static class BarMeter
{
    public static UniformBars Measure(GrayFrame frame, int levelLimit, double maxStdDev)
    {
        var top = Run(frame.Height, i => LineStats(frame, row: i), levelLimit, maxStdDev);
        var bottom = Run(frame.Height, i => LineStats(frame, row: frame.Height - 1 - i), levelLimit, maxStdDev);
        var left = Run(frame.Width, i => LineStats(frame, column: i), levelLimit, maxStdDev);
        var right = Run(frame.Width, i => LineStats(frame, column: frame.Width - 1 - i), levelLimit, maxStdDev);
        return new UniformBars(top, bottom, left, right);
    }

    /// <summary>How many lines from the edge are bar lines of the same kind as the first (at most half the size).</summary>
    private static int Run(int lines, Func<int, (double Mean, double StdDev)> stats, int levelLimit, double maxStdDev)
    {
        var kind = 0;
        var count = 0;
        for (var i = 0; i < lines / 2; i++)
        {
            var (mean, stdDev) = stats(i);
            var lineKind = stdDev > maxStdDev ? 0 : mean <= levelLimit ? -1 : mean >= 255 - levelLimit ? 1 : 0;
            if (lineKind == 0 || (kind != 0 && lineKind != kind))
            {
                break;
            }

            kind = lineKind;
            count++;
        }

        return count;
    }

    private static (double Mean, double StdDev) LineStats(GrayFrame frame, int row = -1, int column = -1)
    {
        long sum = 0;
        long sumSquares = 0;
        var pixels = frame.Pixels;
        int n;
        if (row >= 0)
        {
            n = frame.Width;
            var offset = row * frame.Width;
            for (var x = 0; x < n; x++)
            {
                int v = pixels[offset + x];
                sum += v;
                sumSquares += v * v;
            }
        }
        else
        {
            n = frame.Height;
            for (var y = 0; y < n; y++)
            {
                int v = pixels[(y * frame.Width) + column];
                sum += v;
                sumSquares += v * v;
            }
        }

        var mean = (double)sum / n;
        var variance = Math.Max(0, ((double)sumSquares / n) - (mean * mean));
        return (mean, Math.Sqrt(variance));
    }
}
