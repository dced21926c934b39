namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Compression blockiness in the spirit of Muijs and Kirenko: the typical luma step across the 8-pixel coding grid
/// divided by the typical step elsewhere, horizontally and vertically, averaged. Each column (row) boundary gets its
/// mean step; the ratio compares the medians of the grid and off-grid boundaries, so a few strong straight edges
/// (bars, borders that happen to fall on the grid) do not count — codec blocks raise every grid boundary. About 1
/// for natural content. Only meaningful when the gray frame is at the source's resolution (the grid is not
/// scaled), which the analysis run checks.
/// </summary>
internal static class BlockinessMeter
{
    private const int Grid = 8;

    /// <summary>The ratio; <c>NaN</c> for a frame too small to measure.</summary>
    public static double Measure(GrayFrame frame)
    {
        var p = frame.Pixels;
        var w = frame.Width;
        var h = frame.Height;
        if (w < 4 * Grid || h < 4 * Grid)
        {
            return double.NaN;
        }

        // Mean step across each column boundary x|x+1 (every 2nd row) and each row boundary y|y+1 (every 2nd column).
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

        return (Ratio(columns) + Ratio(rows)) / 2;
    }

    private static double Ratio(double[] steps)
    {
        var onGrid = new List<double>(steps.Length / Grid + 1);
        var offGrid = new List<double>(steps.Length);
        for (var i = 0; i < steps.Length; i++)
        {
            ((i + 1) % Grid == 0 ? onGrid : offGrid).Add(steps[i]);
        }

        return (Median(onGrid) + 0.5) / (Median(offGrid) + 0.5);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[values.Count / 2];
    }
}
