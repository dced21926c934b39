using CosQualityEstimate.LocalAnalysis.Frames;

namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>
/// The pixel-by-pixel definitions of the frame measurements, as they were before they were vectorised (issue 17,
/// speed). <c>FrameMeasureReferenceTests</c> checks the vectorised code gives exactly these values.
/// </summary>
internal static class ScalarFrameMeasures
{
    public static double Noise(GrayFrame frame)
    {
        const int block = 16;
        var scale = Math.Sqrt(Math.PI / 2) / (6.0 * (block - 2) * (block - 2));
        var sigmas = new List<double>();
        var p = frame.Pixels;
        var w = frame.Width;
        for (var by = 0; by + block <= frame.Height; by += block)
        {
            for (var bx = 0; bx + block <= w; bx += block)
            {
                var sum = 0;
                for (var y = by; y < by + block; y++)
                {
                    for (var x = bx; x < bx + block; x++)
                    {
                        sum += p[(y * w) + x];
                    }
                }

                var mean = sum / (block * block);
                if (mean < 16 || mean > 235)
                {
                    continue;
                }

                long total = 0;
                for (var y = by + 1; y < by + block - 1; y++)
                {
                    var up = (y - 1) * w;
                    var mid = y * w;
                    var down = (y + 1) * w;
                    for (var x = bx + 1; x < bx + block - 1; x++)
                    {
                        var v = p[up + x - 1] - (2 * p[up + x]) + p[up + x + 1]
                            - (2 * p[mid + x - 1]) + (4 * p[mid + x]) - (2 * p[mid + x + 1])
                            + p[down + x - 1] - (2 * p[down + x]) + p[down + x + 1];
                        total += Math.Abs(v);
                    }
                }

                sigmas.Add(total * scale);
            }
        }

        if (sigmas.Count == 0)
        {
            return double.NaN;
        }

        sigmas.Sort();
        return sigmas[(int)(0.1 * (sigmas.Count - 1))];
    }

    /// <summary>The column and row step means the blockiness ratio is computed from.</summary>
    public static (double[] Columns, double[] Rows) BlockinessSteps(GrayFrame frame)
    {
        var p = frame.Pixels;
        var w = frame.Width;
        var h = frame.Height;
        var columns = new double[w - 1];
        var rows = new double[h - 1];
        for (var y = 0; y < h; y += 2)
        {
            var row = y * w;
            for (var x = 0; x < w - 1; x++)
            {
                columns[x] += Math.Abs(p[row + x + 1] - p[row + x]);
            }
        }

        for (var y = 0; y < h - 1; y++)
        {
            var row = y * w;
            var next = row + w;
            long sum = 0;
            for (var x = 0; x < w; x += 2)
            {
                sum += Math.Abs(p[next + x] - p[row + x]);
            }

            rows[y] = sum / (double)((w + 1) / 2);
        }

        var sampledRows = (h + 1) / 2;
        for (var x = 0; x < columns.Length; x++)
        {
            columns[x] /= sampledRows;
        }

        return (columns, rows);
    }

    public static (int[] Columns, int[] Rows) Changes(GrayFrame frame, int tx, int ty, int size, int changeLevel)
    {
        var columns = new int[size];
        var rows = new int[size];
        var p = frame.Pixels;
        var w = frame.Width;
        for (var y = 0; y < size; y++)
        {
            var row = ((ty + y) * w) + tx;
            var next = row + w;
            var hasNext = y < size - 1;
            for (var x = 0; x < size; x++)
            {
                var v = p[row + x];
                if (x < size - 1 && Math.Abs(p[row + x + 1] - v) > changeLevel)
                {
                    columns[x]++;
                }

                if (hasNext && Math.Abs(p[next + x] - v) > changeLevel)
                {
                    rows[y]++;
                }
            }
        }

        return (columns, rows);
    }
}
