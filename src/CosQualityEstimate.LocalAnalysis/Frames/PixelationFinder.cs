using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CosQualityEstimate.LocalAnalysis.Detection;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// Finds pixelation (a censor mosaic, or a whole picture made of flat cells): square tiles in which every luma change
/// lies on a regular grid of period 4–21 px, in both directions. Natural content has changes everywhere; a single
/// edge or two do not make a grid (at least three grid lines, and more than half of them, must carry changes).
/// A QR code is such a grid too, so <see cref="FrameWorker"/> drops tiles that overlap a decoded code.
/// </summary>
internal static class PixelationFinder
{
    private const int ChangeLevel = 8;
    private const int MinPeriod = 4;

    /// <summary>The pixelated tiles of the frame, in gray-frame pixels.</summary>
    public static List<PixelBox> FindTiles(GrayFrame frame, int tileSize, double maxOffGridShare)
    {
        var tiles = new List<PixelBox>();
        var columns = new int[tileSize];
        var rows = new int[tileSize];
        foreach (var ty in Origins(frame.Height, tileSize))
        {
            foreach (var tx in Origins(frame.Width, tileSize))
            {
                CountChanges(frame, tx, ty, tileSize, columns, rows);
                if (IsGrid(columns, tileSize, maxOffGridShare) && IsGrid(rows, tileSize, maxOffGridShare))
                {
                    tiles.Add(new PixelBox(tx, ty, tx + tileSize - 1, ty + tileSize - 1));
                }
            }
        }

        return tiles;
    }

    /// <summary>Tile origins along one side: every full tile, plus one flush with the far edge so the whole picture is covered.</summary>
    private static IEnumerable<int> Origins(int length, int tileSize)
    {
        var origin = 0;
        for (; origin + tileSize <= length; origin += tileSize)
        {
            yield return origin;
        }

        if (origin < length && length >= tileSize)
        {
            yield return length - tileSize;
        }
    }

    /// <summary>columns[x] = rows of the tile with a change between x and x + 1; rows[y] likewise between y and y + 1.
    /// Speed (docs/performance.md): 16 pixels at a time; the counts are exactly those of the pixel-by-pixel rule
    /// (a change is a step of more than <see cref="ChangeLevel"/>), which <c>FrameMeasureReferenceTests</c> checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CountChanges(GrayFrame frame, int tx, int ty, int size, int[] columns, int[] rows)
    {
        Array.Clear(columns);
        Array.Clear(rows);
        var p = frame.Pixels;
        var w = frame.Width;
        var chunks = size / 16;
        var level = Vector128.Create((byte)ChangeLevel);
        Span<Vector128<byte>> columnCounts = stackalloc Vector128<byte>[chunks]; // per-lane counts; flushed before a lane could pass 255
        var sinceFlush = 0;
        for (var y = 0; y < size; y++)
        {
            var row = ((ty + y) * w) + tx;
            var next = row + w;
            var hasNext = y < size - 1;
            for (var c = 0; c < chunks; c++)
            {
                var x0 = c * 16;
                var a = Vector128.Create(p, row + x0);

                // The right neighbours; in the tile's last 16 pixels the last lane has none (its step is not counted).
                var b = x0 + 16 < size ? Vector128.Create(p, row + x0 + 1) : Vector128.Shuffle(a, Vector128.Create((byte)1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15));
                columnCounts[c] -= Vector128.GreaterThan(Vector128.Max(a, b) - Vector128.Min(a, b), level);
                if (hasNext)
                {
                    var below = Vector128.Create(p, next + x0);
                    var changed = Vector128.GreaterThan(Vector128.Max(a, below) - Vector128.Min(a, below), level);
                    rows[y] += BitOperations.PopCount(changed.ExtractMostSignificantBits());
                }
            }

            for (var x = chunks * 16; x < size; x++)
            {
                var v = p[row + x];
                if (x < size - 1 && Math.Abs(p[row + x + 1] - v) > ChangeLevel)
                {
                    columns[x]++;
                }

                if (hasNext && Math.Abs(p[next + x] - v) > ChangeLevel)
                {
                    rows[y]++;
                }
            }

            if (++sinceFlush == byte.MaxValue || y == size - 1)
            {
                Flush(columnCounts, columns);
                sinceFlush = 0;
            }
        }
    }

    private static void Flush(Span<Vector128<byte>> counts, int[] columns)
    {
        for (var c = 0; c < counts.Length; c++)
        {
            for (var lane = 0; lane < 16; lane++)
            {
                columns[(c * 16) + lane] += counts[c].GetElement(lane);
            }

            counts[c] = Vector128<byte>.Zero;
        }
    }

    private static bool IsGrid(int[] changes, int size, double maxOffGridShare)
    {
        var total = 0;
        for (var i = 0; i < size - 1; i++)
        {
            total += changes[i];
        }

        if (total < size)
        {
            return false; // flat or nearly flat: nothing to judge
        }

        for (var period = MinPeriod; period <= size / 3; period++)
        {
            for (var phase = 0; phase < period; phase++)
            {
                int onGrid = 0, lines = 0, carrying = 0;
                for (var i = phase; i < size - 1; i += period)
                {
                    lines++;
                    onGrid += changes[i];
                    if (changes[i] >= 2)
                    {
                        carrying++;
                    }
                }

                if (total - onGrid <= maxOffGridShare * total && carrying >= 3 && carrying * 2 > lines)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
