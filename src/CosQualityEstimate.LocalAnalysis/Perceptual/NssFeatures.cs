using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// BRISQUE's 18 natural-scene-statistics features of one scale over a rectangle of an <see cref="MscnMap"/>: the
/// AGGD fit of the coefficients (shape γ, (σl² + σr²)/2), then for the paired products with the right, lower,
/// lower-right and upper-right neighbours the AGGD fit (γ, mean η, σl², σr²). A neighbour outside the picture is 0.
/// </summary>
internal static class NssFeatures
{
    /// <summary>Features per scale.</summary>
    public const int PerScale = 18;

    /// <summary>Writes the 18 features of the rectangle [x0, x1) × [y0, y1) into <paramref name="features"/>.</summary>
    public static void Compute(MscnMap map, int x0, int y0, int x1, int y1, Span<double> features)
    {
        Span<AggdSums> sums = stackalloc AggdSums[5];
        Accumulate(map, x0, y0, x1, y1, sums);
        long count = (long)(x1 - x0) * (y1 - y0);

        var own = AggdFit.Fit(sums[0], count);
        features[0] = own.Shape;
        features[1] = ((own.LeftSigma * own.LeftSigma) + (own.RightSigma * own.RightSigma)) / 2;
        for (var i = 0; i < 4; i++)
        {
            var pair = AggdFit.Fit(sums[i + 1], count);
            features[2 + (4 * i)] = pair.Shape;
            features[3 + (4 * i)] = pair.Mean;
            features[4 + (4 * i)] = pair.LeftSigma * pair.LeftSigma;
            features[5 + (4 * i)] = pair.RightSigma * pair.RightSigma;
        }
    }

    // One pass over the rectangle: the coefficient c and its products with 4 neighbours, each split into positive
    // and negative parts. Vector lanes accumulate one row in single precision and are flushed to double per row.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(MscnMap map, int x0, int y0, int x1, int y1, Span<AggdSums> sums)
    {
        var c = map.Coefficients;
        var stride = map.Stride;
        var v = Vector<float>.Count;

        // The zero columns right of the picture let a vector run past its right edge there (zeros add nothing).
        var vectorEnd = x1 == map.Width ? x0 + ((x1 - x0 + v - 1) / v * v) : x1;
        Span<Lanes> lanes = stackalloc Lanes[5];
        lanes.Clear();
        Span<float> scalar = stackalloc float[5];

        // Speed: unchecked vector loads (the rows read, y0 − 1 … y1, and the columns, up to one vector past the picture,
        // are inside the map's zero border).
        if (c.Length < ((y1 + 1) * stride) + vectorEnd + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(y1));
        }

        ref var c0 = ref MemoryMarshal.GetReference(c);
        ref var l0 = ref lanes[0];
        ref var l1 = ref lanes[1];
        ref var l2 = ref lanes[2];
        ref var l3 = ref lanes[3];
        ref var l4 = ref lanes[4];
        for (var y = y0; y < y1; y++)
        {
            for (var i = 0; i < 5; i++)
            {
                lanes[i].PositiveSquares = Vector<float>.Zero;
                lanes[i].NegativeSquares = Vector<float>.Zero;
                lanes[i].Absolute = Vector<float>.Zero;
            }

            var row = (y + 1) * stride;
            var x = x0;
            for (; x + v <= vectorEnd; x += v)
            {
                var m = Load(ref c0, row + x);
                Add(ref l0, m);
                Add(ref l1, m * Load(ref c0, row + x + 1));
                Add(ref l2, m * Load(ref c0, row + stride + x));
                Add(ref l3, m * Load(ref c0, row + stride + x + 1));
                Add(ref l4, m * Load(ref c0, row - stride + x + 1));
            }

            for (var i = 0; i < 5; i++)
            {
                sums[i].PositiveSquares += SumWide(lanes[i].PositiveSquares);
                sums[i].NegativeSquares += SumWide(lanes[i].NegativeSquares);
                sums[i].Absolute += SumWide(lanes[i].Absolute);
            }

            for (; x < x1; x++)
            {
                var m = c[row + x];
                scalar[0] = m;
                scalar[1] = m * c[row + x + 1];
                scalar[2] = m * c[row + stride + x];
                scalar[3] = m * c[row + stride + x + 1];
                scalar[4] = m * c[row - stride + x + 1];
                for (var i = 0; i < 5; i++)
                {
                    var p = scalar[i];
                    if (p > 0)
                    {
                        sums[i].PositiveSquares += p * p;
                        sums[i].PositiveCount++;
                    }
                    else if (p < 0)
                    {
                        sums[i].NegativeSquares += p * p;
                        sums[i].NegativeCount++;
                    }

                    sums[i].Absolute += Math.Abs(p);
                }
            }
        }

        for (var i = 0; i < 5; i++)
        {
            sums[i].PositiveCount -= Vector.Sum(lanes[i].PositiveCount);
            sums[i].NegativeCount -= Vector.Sum(lanes[i].NegativeCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref Lanes lanes, Vector<float> p)
    {
        var square = p * p;
        var isPositive = Vector.GreaterThan(p, Vector<float>.Zero);
        var isNegative = Vector.LessThan(p, Vector<float>.Zero);
        lanes.PositiveSquares += Vector.ConditionalSelect(isPositive, square, Vector<float>.Zero);
        lanes.NegativeSquares += Vector.ConditionalSelect(isNegative, square, Vector<float>.Zero);
        lanes.Absolute += Vector.Abs(p);
        lanes.PositiveCount += isPositive;
        lanes.NegativeCount += isNegative;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float p, int offset) =>
        Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref p, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SumWide(Vector<float> value)
    {
        Vector.Widen(value, out var low, out var high);
        return Vector.Sum(low + high);
    }

    // Per-lane sums of one channel (squares and |x| for the current row; the counts over the whole rectangle).
    private struct Lanes
    {
        public Vector<float> PositiveSquares;
        public Vector<float> NegativeSquares;
        public Vector<float> Absolute;
        public Vector<int> PositiveCount;
        public Vector<int> NegativeCount;
    }
}
