using System.Numerics;

namespace CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

/// <summary>
/// The perceptual models' first steps as they were computed before they were made faster (issue 22 §4): whole-picture
/// passes, one value at a time, with the same operations per value. <c>PerceptualReferenceTests</c> checks the fast code
/// gives exactly these values. Where the processor has FMA the library's vector lanes round a·b + c once, like
/// <see cref="MathF.FusedMultiplyAdd"/>; elsewhere they multiply, then add (<see cref="LaneMultiplyAdd"/>); the columns
/// after the last whole vector always use <see cref="MathF.FusedMultiplyAdd"/>.
/// </summary>
internal static class ScalarPerceptual
{
    private const int Radius = 3;

    public static float[] UnitRange(byte[] gray, int width, int height, int stride)
    {
        const float scale = (float)(1.0 / 255);
        var result = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                result[(y * width) + x] = gray[(y * stride) + x] * scale;
            }
        }

        return result;
    }

    /// <summary>MSCN coefficients (width × height, no border) and local σ of a [0, 1] picture.</summary>
    public static (float[] Coefficients, float[] Sigma) Mscn(float[] image, int width, int height)
    {
        var kernel = Kernel();
        var vectorEnd = width / Vector<float>.Count * Vector<float>.Count;
        var mean = new float[width * height];
        var square = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                float m = 0, s = 0;
                for (var k = 0; k <= 2 * Radius; k++)
                {
                    var a = image[(y * width) + Math.Clamp(x + k - Radius, 0, width - 1)];
                    m = MultiplyAdd(x < vectorEnd, a, kernel[k], m);
                    s = MultiplyAdd(x < vectorEnd, a * a, kernel[k], s);
                }

                mean[(y * width) + x] = m;
                square[(y * width) + x] = s;
            }
        }

        var coefficients = new float[width * height];
        var sigmas = new float[width * height];
        var stabiliser = (float)(1.0 / 255);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                float At(float[] plane, int dy) => plane[(Math.Clamp(y + dy, 0, height - 1) * width) + x];
                var m = At(mean, 0) * kernel[Radius];
                var s = At(square, 0) * kernel[Radius];
                for (var k = 1; k <= Radius; k++)
                {
                    m = MultiplyAdd(x < vectorEnd, At(mean, k) + At(mean, -k), kernel[Radius + k], m);
                    s = MultiplyAdd(x < vectorEnd, At(square, k) + At(square, -k), kernel[Radius + k], s);
                }

                var variance = s - (m * m);
                var sigma = MathF.Sqrt(Math.Max(variance, 0f));
                coefficients[(y * width) + x] = variance < 0 ? 0f : (image[(y * width) + x] - m) / (sigma + stabiliser);
                sigmas[(y * width) + x] = sigma;
            }
        }

        return (coefficients, sigmas);
    }

    /// <summary>The ⌊w/2⌋ × ⌊h/2⌋ bicubic copy (OpenCV's INTER_CUBIC geometry, a = −0.75), rows first.</summary>
    public static float[] BicubicHalf(float[] source, int width, int height)
    {
        var dw = width / 2;
        var dh = height / 2;
        var rows = new float[height * dw];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < dw; x++)
            {
                var (index, weight) = Tap((double)width / dw, x, width);
                var r = y * width;
                rows[(y * dw) + x] = (source[r + index[0]] * weight[0]) + (source[r + index[1]] * weight[1])
                    + (source[r + index[2]] * weight[2]) + (source[r + index[3]] * weight[3]);
            }
        }

        var result = new float[dw * dh];
        for (var y = 0; y < dh; y++)
        {
            var (index, weight) = Tap((double)height / dh, y, height);
            for (var x = 0; x < dw; x++)
            {
                result[(y * dw) + x] = (rows[(index[0] * dw) + x] * weight[0]) + (rows[(index[1] * dw) + x] * weight[1])
                    + (rows[(index[2] * dw) + x] * weight[2]) + (rows[(index[3] * dw) + x] * weight[3]);
            }
        }

        return result;
    }

    /// <summary>Mean absolute horizontal + vertical difference on every 2nd row (PerceptualMeter.Detail's definition).</summary>
    public static double Detail(byte[] pixels, int stride, int x0, int y0, int width, int height)
    {
        long sum = 0, count = 0;
        for (var y = y0; y < y0 + height - 1; y += 2)
        {
            for (var x = x0; x < x0 + width - 1; x++)
            {
                int here = pixels[(y * stride) + x];
                sum += Math.Abs(pixels[(y * stride) + x + 1] - here) + Math.Abs(pixels[((y + 1) * stride) + x] - here);
            }

            count += width - 1;
        }

        return count == 0 ? 0 : sum / (2.0 * count);
    }

    /// <summary>a·b + c as the library's vector lanes compute it (<paramref name="lane"/>) or as its scalar tail does.</summary>
    private static float MultiplyAdd(bool lane, float a, float b, float c) =>
        !lane || LaneMultiplyAdd ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>Whether the library's vector lanes use a fused multiply-add.</summary>
    private static bool LaneMultiplyAdd =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    private static (int[] Index, float[] Weight) Tap(double scale, int d, int size)
    {
        const float a = -0.75f;
        var f = (float)(((d + 0.5) * scale) - 0.5);
        var s = (int)MathF.Floor(f);
        f -= s;
        var weight = new float[4];
        weight[0] = ((((a * (f + 1)) - (5 * a)) * (f + 1)) + (8 * a)) * (f + 1) - (4 * a);
        weight[1] = ((((a + 2) * f) - (a + 3)) * f * f) + 1;
        weight[2] = ((((a + 2) * (1 - f)) - (a + 3)) * (1 - f) * (1 - f)) + 1;
        weight[3] = 1f - weight[0] - weight[1] - weight[2];
        var index = new int[4];
        for (var k = 0; k < 4; k++)
        {
            index[k] = Math.Clamp(s - 1 + k, 0, size - 1);
        }

        return (index, weight);
    }

    private static float[] Kernel()
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
        return [.. values.Select(v => (float)(v * scale))];
    }
}
