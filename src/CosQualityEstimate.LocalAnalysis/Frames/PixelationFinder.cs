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

    /// <summary>columns[x] = rows of the tile with a change between x and x + 1; rows[y] likewise between y and y + 1.</summary>
    private static void CountChanges(GrayFrame frame, int tx, int ty, int size, int[] columns, int[] rows)
    {
        Array.Clear(columns);
        Array.Clear(rows);
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
                if (x < size - 1 && Math.Abs(p[row + x + 1] - v) > ChangeLevel)
                {
                    columns[x]++;
                }

                if (hasNext && Math.Abs(p[next + x] - v) > ChangeLevel)
                {
                    rows[y]++;
                }
            }
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
