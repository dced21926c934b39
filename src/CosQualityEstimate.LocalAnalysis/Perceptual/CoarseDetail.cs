using System.Buffers;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// The coarse structure of a picture: the mean absolute difference between horizontally or vertically neighbouring 8×8 box
/// means, gray levels per box. Blur, down-scaling and compression remove fine detail but leave the 8×8
/// means nearly as they were, so the ratio of the fine detail (<see cref="Frames.PerceptualMeter.Detail"/>) to this
/// reads how soft the picture is against its own structure: a smooth sky has little of both, a blurred street much
/// structure and little fine detail. One pass over the picture and a 1/64-size buffer from <see cref="ArrayPool{T}"/>
/// (returned): no per-frame image is kept.
/// </summary>
internal static class CoarseDetail
{
    /// <summary>Side of a box, pixels.</summary>
    public const int BoxSize = 8;

    /// <summary>The coarse detail of the <paramref name="width"/> × <paramref name="height"/> picture at
    /// <paramref name="pixels"/> (row stride <paramref name="stride"/>); <c>NaN</c> when it is smaller than 2×2 boxes.</summary>
    public static double Measure(ReadOnlySpan<byte> pixels, int width, int height, int stride)
    {
        var columns = width / BoxSize;
        var rows = height / BoxSize;
        if (columns < 2 || rows < 2)
        {
            return double.NaN;
        }

        var sums = ArrayPool<int>.Shared.Rent(columns * rows);
        try
        {
            var grid = sums.AsSpan(0, columns * rows);
            grid.Clear();
            for (var y = 0; y < rows * BoxSize; y++)
            {
                var row = pixels.Slice(y * stride, columns * BoxSize);
                var boxes = grid.Slice((y / BoxSize) * columns, columns);
                for (var c = 0; c < columns; c++)
                {
                    var cells = row.Slice(c * BoxSize, BoxSize);
                    boxes[c] += cells[0] + cells[1] + cells[2] + cells[3] + cells[4] + cells[5] + cells[6] + cells[7];
                }
            }

            long total = 0;
            long count = 0;
            for (var r = 0; r < rows; r++)
            {
                var here = grid.Slice(r * columns, columns);
                for (var c = 0; c + 1 < columns; c++)
                {
                    total += Math.Abs(here[c + 1] - here[c]);
                }

                count += columns - 1;
                if (r + 1 < rows)
                {
                    var below = grid.Slice((r + 1) * columns, columns);
                    for (var c = 0; c < columns; c++)
                    {
                        total += Math.Abs(below[c] - here[c]);
                    }

                    count += columns;
                }
            }

            // Sums of 64 pixels: divided by 64 they are box means.
            return total / (64.0 * count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sums);
        }
    }
}
