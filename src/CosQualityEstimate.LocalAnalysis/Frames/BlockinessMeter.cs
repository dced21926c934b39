using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
        if (frame.Width < 4 * Grid || frame.Height < 4 * Grid)
        {
            return double.NaN;
        }

        var (columns, rows) = Steps(frame);
        return (Ratio(columns) + Ratio(rows)) / 2;
    }

    /// <summary>The mean step across each column boundary x|x+1 (every 2nd row) and each row boundary y|y+1 (every
    /// 2nd column).</summary>
    internal static (double[] Columns, double[] Rows) Steps(GrayFrame frame)
    {
        var p = frame.Pixels;
        var w = frame.Width;
        var h = frame.Height;

        // Mean step across each column boundary x|x+1 (every 2nd row) and each row boundary y|y+1 (every 2nd column).
        // Speed (docs/performance.md): 16 pixels at a time, exact integer sums (FrameMeasureReferenceTests).
        var columnSums = new uint[w - 1];
        for (var y = 0; y < h; y += 2)
        {
            AddColumnSteps(p, y * w, w, columnSums);
        }

        var columns = new double[w - 1];
        for (var x = 0; x < columns.Length; x++)
        {
            columns[x] = columnSums[x];
        }

        var rows = new double[h - 1];
        for (var y = 0; y < h - 1; y++)
        {
            rows[y] = RowStep(p, y * w, w) / (double)((w + 1) / 2);
        }

        var sampledRows = (h + 1) / 2;
        for (var x = 0; x < columns.Length; x++)
        {
            columns[x] /= sampledRows;
        }

        return (columns, rows);
    }

    /// <summary>sums[x] += |p[x + 1] − p[x]| along one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddColumnSteps(byte[] p, int row, int w, uint[] sums)
    {
        var x = 0;
        for (; x + 17 <= w; x += 16)
        {
            var a = Vector128.Create(p, row + x);
            var b = Vector128.Create(p, row + x + 1);
            var (low, high) = Vector128.Widen(Vector128.Max(a, b) - Vector128.Min(a, b));
            var (q0, q1) = Vector128.Widen(low);
            var (q2, q3) = Vector128.Widen(high);
            var sums0 = Vector128.Create(sums, x);
            var sums1 = Vector128.Create(sums, x + 4);
            var sums2 = Vector128.Create(sums, x + 8);
            var sums3 = Vector128.Create(sums, x + 12);
            (sums0 + q0).CopyTo(sums, x);
            (sums1 + q1).CopyTo(sums, x + 4);
            (sums2 + q2).CopyTo(sums, x + 8);
            (sums3 + q3).CopyTo(sums, x + 12);
        }

        for (; x < w - 1; x++)
        {
            sums[x] += (uint)Math.Abs(p[row + x + 1] - p[row + x]);
        }
    }

    /// <summary>Σ |p[next + x] − p[row + x]| over the even columns x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long RowStep(byte[] p, int row, int w)
    {
        var next = row + w;
        var evenLanes = Vector128.Create((byte)255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0);
        var total = Vector128<uint>.Zero;
        var x = 0;
        for (; x + 16 <= w; x += 16)
        {
            var a = Vector128.Create(p, row + x);
            var b = Vector128.Create(p, next + x);
            var (low, high) = Vector128.Widen((Vector128.Max(a, b) - Vector128.Min(a, b)) & evenLanes);
            var (q0, q1) = Vector128.Widen(low + high);
            total += q0 + q1;
        }

        long sum = Vector128.Sum(total);
        for (; x < w; x += 2)
        {
            sum += Math.Abs(p[next + x] - p[row + x]);
        }

        return sum;
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
