using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CosQualityEstimate.LocalAnalysis.Perceptual;

/// <summary>
/// Mean-subtracted contrast-normalised (MSCN) coefficients of one picture at one scale:
/// (I − μ) / (σ + 1/255) with μ, σ the local mean and deviation under a 7×7 Gaussian window (σ = 7/6, edges
/// replicated), I in [0, 1] — BRISQUE's and NIQE's first step. Computed in single precision like OpenCV's.
/// </summary>
/// <remarks>
/// The coefficients are kept with a zero border (one row above and below, at least one vector of columns on the
/// right) so the paired products with the right, lower and upper neighbours read zero outside the picture, as
/// OpenCV's shifted copies do. Where rounding makes the local variance negative, OpenCV's square root gives NaN and
/// its sums then treat the coefficient as 0; here it is 0. Buffers come from <see cref="ArrayPool{T}"/> and go back
/// on <see cref="Dispose"/>: no per-frame image is kept.
/// </remarks>
internal sealed class MscnMap : IDisposable
{
    private const int Radius = 3;

    // Row-filtered rows kept for the column filter: the 2·Radius + 1 it reads, and one more.
    private const int RingRows = (2 * Radius) + 2;
    private static readonly float[] Kernel = GaussianKernel();
    private static readonly float Stabiliser = (float)(1.0 / 255);

    private float[]? _coefficients;
    private float[]? _sigma;

    private MscnMap(int width, int height, bool keepSigma)
    {
        Width = width;
        Height = height;
        Stride = width + Vector<float>.Count;
        _coefficients = ArrayPool<float>.Shared.Rent(Stride * (height + 2));
        _sigma = keepSigma ? ArrayPool<float>.Shared.Rent(width * height) : null;
    }

    /// <summary>Picture width.</summary>
    public int Width { get; }

    /// <summary>Picture height.</summary>
    public int Height { get; }

    /// <summary>Floats per row of <see cref="Coefficients"/>.</summary>
    public int Stride { get; }

    /// <summary>The coefficients; pixel (x, y) is at <c>(y + 1) * Stride + x</c>; the border is zero.</summary>
    public ReadOnlySpan<float> Coefficients => _coefficients ?? throw new ObjectDisposedException(nameof(MscnMap));

    /// <summary>The local deviation σ (without the 1/255), row by row, when asked for.</summary>
    public ReadOnlySpan<float> Sigma => _sigma ?? throw new InvalidOperationException("The local deviation was not kept.");

    /// <summary>The coefficients of <paramref name="image"/> (<paramref name="width"/> × <paramref name="height"/>
    /// floats in [0, 1], row by row).</summary>
    public static MscnMap Compute(ReadOnlySpan<float> image, int width, int height, bool keepSigma)
    {
        var map = new MscnMap(width, height, keepSigma);
        var ring = ArrayPool<float>.Shared.Rent(2 * RingRows * width);
        var row = ArrayPool<float>.Shared.Rent(width + (2 * Radius) + Vector<float>.Count);
        try
        {
            map.Filter(image, ring, row);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(row);
            ArrayPool<float>.Shared.Return(ring);
        }

        return map;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_coefficients is not null)
        {
            ArrayPool<float>.Shared.Return(_coefficients);
            _coefficients = null;
        }

        if (_sigma is not null)
        {
            ArrayPool<float>.Shared.Return(_sigma);
            _sigma = null;
        }
    }

    // Speed (docs/performance.md): the row filter's output is kept for the last RingRows source rows only (a ring the
    // column filter reads from, in cache), not as two whole-picture images written and read back; each value is the
    // same arithmetic, in the same order, as filtering whole images first.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Filter(ReadOnlySpan<float> image, float[] ring, float[] rowBuffer)
    {
        var w = Width;
        var h = Height;
        var coefficients = _coefficients!;
        var mean = ring.AsSpan(0, RingRows * w);
        var square = ring.AsSpan(RingRows * w, RingRows * w);

        // The zero border: the rows above and below the picture (the columns right of it are cleared row by row).
        coefficients.AsSpan(0, Stride).Clear();
        coefficients.AsSpan((h + 1) * Stride, Stride).Clear();
        Span<int> rows = stackalloc int[(2 * Radius) + 1];
        var filtered = 0;
        for (var y = 0; y < h; y++)
        {
            for (var last = Math.Min(h - 1, y + Radius); filtered <= last; filtered++)
            {
                var slot = (filtered % RingRows) * w;
                HorizontalRow(image.Slice(filtered * w, w), rowBuffer, mean.Slice(slot, w), square.Slice(slot, w));
            }

            for (var k = 0; k <= 2 * Radius; k++)
            {
                rows[k] = (Math.Clamp(y + k - Radius, 0, h - 1) % RingRows) * w;
            }

            VerticalRow(image.Slice(y * w, w), mean, square, rows, y);
            coefficients.AsSpan(((y + 1) * Stride) + w, Stride - w).Clear();
        }
    }

    // Row filter of I and I² of one row (edges replicated), a vector of outputs at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalRow(ReadOnlySpan<float> src, float[] rowBuffer, Span<float> outMean, Span<float> outSquare)
    {
        var width = src.Length;
        var v = Vector<float>.Count;
        var padded = rowBuffer.AsSpan(0, width + (2 * Radius) + v);
        padded[..Radius].Fill(src[0]);
        src.CopyTo(padded[Radius..]);
        padded.Slice(Radius + width, Radius + v).Fill(src[width - 1]);
        ref var p = ref MemoryMarshal.GetReference(padded);
        ref var om = ref MemoryMarshal.GetReference(outMean);
        ref var os = ref MemoryMarshal.GetReference(outSquare);
        var g0 = new Vector<float>(Kernel[0]);
        var g1 = new Vector<float>(Kernel[1]);
        var g2 = new Vector<float>(Kernel[2]);
        var g3 = new Vector<float>(Kernel[3]);
        var g4 = new Vector<float>(Kernel[4]);
        var g5 = new Vector<float>(Kernel[5]);
        var g6 = new Vector<float>(Kernel[6]);
        var x = 0;
        for (; x + v <= width; x += v)
        {
            // OpenCV's row filter order: s = fma(p[x + k], g[k], s) for k = 0 … 6, from 0.
            var a = Load(ref p, x);
            var m = MultiplyAdd(a, g0, Vector<float>.Zero);
            var s = MultiplyAdd(a * a, g0, Vector<float>.Zero);
            a = Load(ref p, x + 1);
            m = MultiplyAdd(a, g1, m);
            s = MultiplyAdd(a * a, g1, s);
            a = Load(ref p, x + 2);
            m = MultiplyAdd(a, g2, m);
            s = MultiplyAdd(a * a, g2, s);
            a = Load(ref p, x + 3);
            m = MultiplyAdd(a, g3, m);
            s = MultiplyAdd(a * a, g3, s);
            a = Load(ref p, x + 4);
            m = MultiplyAdd(a, g4, m);
            s = MultiplyAdd(a * a, g4, s);
            a = Load(ref p, x + 5);
            m = MultiplyAdd(a, g5, m);
            s = MultiplyAdd(a * a, g5, s);
            a = Load(ref p, x + 6);
            m = MultiplyAdd(a, g6, m);
            s = MultiplyAdd(a * a, g6, s);
            Store(m, ref om, x);
            Store(s, ref os, x);
        }

        for (; x < width; x++)
        {
            float m = 0, s = 0;
            for (var k = 0; k <= 2 * Radius; k++)
            {
                var a = padded[x + k];
                m = MathF.FusedMultiplyAdd(a, Kernel[k], m);
                s = MathF.FusedMultiplyAdd(a * a, Kernel[k], s);
            }

            outMean[x] = m;
            outSquare[x] = s;
        }
    }

    // Column filter of the row-filtered mean and square at row y (rows: the ring offsets of rows y − 3 … y + 3, edges
    // replicated), then the coefficients, a vector at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void VerticalRow(ReadOnlySpan<float> src, Span<float> mean, Span<float> square, ReadOnlySpan<int> rows, int y)
    {
        var w = Width;
        var v = Vector<float>.Count;
        var dst = _coefficients.AsSpan((y + 1) * Stride, w);
        var stabiliser = new Vector<float>(Stabiliser);
        ref var mr = ref MemoryMarshal.GetReference(mean);
        ref var sr = ref MemoryMarshal.GetReference(square);
        ref var ir = ref MemoryMarshal.GetReference(src);
        ref var dr = ref MemoryMarshal.GetReference(dst);
        int r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5], r6 = rows[6];
        var centre = new Vector<float>(Kernel[Radius]);
        var k1 = new Vector<float>(Kernel[Radius + 1]);
        var k2 = new Vector<float>(Kernel[Radius + 2]);
        var k3 = new Vector<float>(Kernel[Radius + 3]);
        var keepSigma = _sigma is not null;
        var x = 0;
        for (; x + v <= w; x += v)
        {
            // OpenCV's symmetric column filter order: the centre row, then the sums of mirrored rows.
            var m = Load(ref mr, r3 + x) * centre;
            var s = Load(ref sr, r3 + x) * centre;
            m = MultiplyAdd(Load(ref mr, r4 + x) + Load(ref mr, r2 + x), k1, m);
            s = MultiplyAdd(Load(ref sr, r4 + x) + Load(ref sr, r2 + x), k1, s);
            m = MultiplyAdd(Load(ref mr, r5 + x) + Load(ref mr, r1 + x), k2, m);
            s = MultiplyAdd(Load(ref sr, r5 + x) + Load(ref sr, r1 + x), k2, s);
            m = MultiplyAdd(Load(ref mr, r6 + x) + Load(ref mr, r0 + x), k3, m);
            s = MultiplyAdd(Load(ref sr, r6 + x) + Load(ref sr, r0 + x), k3, s);

            var variance = s - (m * m);
            var sigma = Vector.SquareRoot(Vector.Max(variance, Vector<float>.Zero));
            var c = (Load(ref ir, x) - m) / (sigma + stabiliser);
            c = Vector.ConditionalSelect(Vector.LessThan(variance, Vector<float>.Zero), Vector<float>.Zero, c);
            Store(c, ref dr, x);
            if (keepSigma)
            {
                sigma.CopyTo(_sigma.AsSpan((y * w) + x));
            }
        }

        for (; x < w; x++)
        {
            var m = mean[rows[Radius] + x] * Kernel[Radius];
            var s = square[rows[Radius] + x] * Kernel[Radius];
            for (var k = 1; k <= Radius; k++)
            {
                m = MathF.FusedMultiplyAdd(mean[rows[Radius + k] + x] + mean[rows[Radius - k] + x], Kernel[Radius + k], m);
                s = MathF.FusedMultiplyAdd(square[rows[Radius + k] + x] + square[rows[Radius - k] + x], Kernel[Radius + k], s);
            }

            var variance = s - (m * m);
            var sigma = MathF.Sqrt(Math.Max(variance, 0f));
            dst[x] = variance < 0 ? 0f : (src[x] - m) / (sigma + Stabiliser);
            if (keepSigma)
            {
                _sigma![(y * w) + x] = sigma;
            }
        }
    }

    // a·b + c rounded once where the processor has FMA (OpenCV's SIMD filters use it on AVX2 machines, and matching
    // its rounding is what keeps the parity within 0.1); a multiply and an add elsewhere (no slow emulated FMA).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c)
    {
#if NET9_0_OR_GREATER
        if (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)
        {
            return Vector.FusedMultiplyAdd(a, b, c);
        }
#endif
        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, ref float p, int offset) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref p, offset)), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float p, int offset) =>
        Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref p, offset)));

    // OpenCV's getGaussianKernel(7, 7/6): exp(−x²/2σ²) in double, normalised, stored as float.
    private static float[] GaussianKernel()
    {
        const double sigma = 7.0 / 6.0;
        var values = new double[(2 * Radius) + 1];
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = i - Radius;
            values[i] = Math.Exp(-0.5 / (sigma * sigma) * x * x);
            sum += values[i];
        }

        var scale = 1.0 / sum;
        var kernel = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            kernel[i] = (float)(values[i] * scale);
        }

        return kernel;
    }
}
