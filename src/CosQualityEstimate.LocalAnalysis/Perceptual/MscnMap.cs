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
        var n = width * height;
        var mean = ArrayPool<float>.Shared.Rent(n);
        var square = ArrayPool<float>.Shared.Rent(n);
        var row = ArrayPool<float>.Shared.Rent(width + (2 * Radius) + Vector<float>.Count);
        try
        {
            HorizontalPass(image, width, height, mean, square, row);
            map.VerticalPass(image, mean, square);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(row);
            ArrayPool<float>.Shared.Return(square);
            ArrayPool<float>.Shared.Return(mean);
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

    // Row filter of I and I² into mean/square (edges replicated), a vector of outputs at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HorizontalPass(ReadOnlySpan<float> image, int width, int height, float[] mean, float[] square, float[] rowBuffer)
    {
        var v = Vector<float>.Count;
        var padded = rowBuffer.AsSpan(0, width + (2 * Radius) + v);
        for (var y = 0; y < height; y++)
        {
            var src = image.Slice(y * width, width);
            padded[..Radius].Fill(src[0]);
            src.CopyTo(padded[Radius..]);
            padded.Slice(Radius + width, Radius + v).Fill(src[width - 1]);
            ref var p = ref MemoryMarshal.GetReference(padded);
            var outMean = mean.AsSpan(y * width, width);
            var outSquare = square.AsSpan(y * width, width);
            var x = 0;
            for (; x + v <= width; x += v)
            {
                // OpenCV's row filter order: s = fma(p[x + k], g[k], s) for k = 0 … 6, from 0.
                var m = Vector<float>.Zero;
                var s = Vector<float>.Zero;
                for (var k = 0; k <= 2 * Radius; k++)
                {
                    var a = Load(ref p, x + k);
                    var g = new Vector<float>(Kernel[k]);
                    m = MultiplyAdd(a, g, m);
                    s = MultiplyAdd(a * a, g, s);
                }

                m.CopyTo(outMean[x..]);
                s.CopyTo(outSquare[x..]);
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
    }

    // Column filter of the row-filtered mean and square, then the coefficients, a vector at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void VerticalPass(ReadOnlySpan<float> image, float[] mean, float[] square)
    {
        var w = Width;
        var h = Height;
        var v = Vector<float>.Count;
        var coefficients = _coefficients!;
        coefficients.AsSpan(0, Stride * (h + 2)).Clear();
        var stabiliser = new Vector<float>(Stabiliser);
        Span<int> rows = stackalloc int[(2 * Radius) + 1];
        for (var y = 0; y < h; y++)
        {
            for (var k = 0; k <= 2 * Radius; k++)
            {
                rows[k] = Math.Clamp(y + k - Radius, 0, h - 1) * w;
            }

            var dst = coefficients.AsSpan(((y + 1) * Stride), w);
            var src = image.Slice(y * w, w);
            var x = 0;
            for (; x + v <= w; x += v)
            {
                // OpenCV's symmetric column filter order: the centre row, then the sums of mirrored rows.
                var m = new Vector<float>(mean.AsSpan(rows[Radius] + x)) * new Vector<float>(Kernel[Radius]);
                var s = new Vector<float>(square.AsSpan(rows[Radius] + x)) * new Vector<float>(Kernel[Radius]);
                for (var k = 1; k <= Radius; k++)
                {
                    var g = new Vector<float>(Kernel[Radius + k]);
                    m = MultiplyAdd(new Vector<float>(mean.AsSpan(rows[Radius + k] + x)) + new Vector<float>(mean.AsSpan(rows[Radius - k] + x)), g, m);
                    s = MultiplyAdd(new Vector<float>(square.AsSpan(rows[Radius + k] + x)) + new Vector<float>(square.AsSpan(rows[Radius - k] + x)), g, s);
                }

                var variance = s - (m * m);
                var sigma = Vector.SquareRoot(Vector.Max(variance, Vector<float>.Zero));
                var c = (new Vector<float>(src[x..]) - m) / (sigma + stabiliser);
                c = Vector.ConditionalSelect(Vector.LessThan(variance, Vector<float>.Zero), Vector<float>.Zero, c);
                c.CopyTo(dst[x..]);
                if (_sigma is not null)
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
                if (_sigma is not null)
                {
                    _sigma[(y * w) + x] = sigma;
                }
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
