using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.LocalAnalysis.Perceptual;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>
/// BRISQUE's and NIQE's first steps were made faster (issue 22 §4: the MSCN row filter through a ring of rows, vector
/// loads, the vectorised half-scale column pass and byte conversion, the vectorised detail sum); they must give exactly
/// the values of the whole-picture, one-value-at-a-time computation (<see cref="ScalarPerceptual"/>) — no value of a
/// score may change — on noise, gradients, flat areas and real-like texture, at sizes that are not multiples of the
/// vector width, odd sizes and crops of a larger frame.
/// </summary>
public sealed class PerceptualReferenceTests
{
    public static TheoryData<string, int, int> Pictures => new()
    {
        { "noise", 192, 192 },
        { "noise", 1280, 720 },
        { "gradient", 97, 61 },
        { "texture", 333, 201 },
        { "flat-and-noise", 96, 96 },
        { "texture", 16, 16 },
        { "noise", 17, 23 },
    };

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Unit_range_is_the_value_by_value_conversion(string kind, int width, int height)
    {
        var (pixels, stride) = Picture(kind, width, height, margin: 5);
        var expected = ScalarPerceptual.UnitRange(pixels[5..], width, height, stride);
        var actual = new float[width * height];

        PictureArguments.ToUnitRange(pixels.AsSpan(5), width, height, stride, actual);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Mscn_coefficients_and_sigma_are_the_whole_picture_passes(string kind, int width, int height)
    {
        var (pixels, stride) = Picture(kind, width, height, margin: 0);
        var image = ScalarPerceptual.UnitRange(pixels, width, height, stride);
        var (expected, expectedSigma) = ScalarPerceptual.Mscn(image, width, height);

        using var map = MscnMap.Compute(image, width, height, keepSigma: true);

        var c = map.Coefficients;
        var mismatches = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                mismatches += BitConverter.SingleToInt32Bits(c[((y + 1) * map.Stride) + x]) == BitConverter.SingleToInt32Bits(expected[(y * width) + x]) ? 0 : 1;
            }

            // The zero border right of the picture (the paired products read it).
            for (var x = width; x < map.Stride; x++)
            {
                Assert.Equal(0f, c[((y + 1) * map.Stride) + x]);
            }
        }

        for (var x = 0; x < map.Stride; x++)
        {
            Assert.Equal(0f, c[x]);
            Assert.Equal(0f, c[((height + 1) * map.Stride) + x]);
        }

        Assert.Equal(0, mismatches);
        Assert.Equal(expectedSigma, map.Sigma[..(width * height)].ToArray());
        Assert.Contains(expected, v => v != 0);
    }

    [Fact]
    public void Mscn_of_a_reused_buffer_has_a_zero_border()
    {
        // A pooled buffer left full of non-zero values by an earlier, larger picture: the border must still read 0.
        var (big, bigStride) = Picture("noise", 400, 300, margin: 0);
        using (MscnMap.Compute(ScalarPerceptual.UnitRange(big, 400, 300, bigStride), 400, 300, keepSigma: false))
        {
        }

        Mscn_coefficients_and_sigma_are_the_whole_picture_passes("texture", 390, 290);
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Half_scale_is_the_value_by_value_bicubic(string kind, int width, int height)
    {
        var (pixels, stride) = Picture(kind, width, height, margin: 0);
        var image = ScalarPerceptual.UnitRange(pixels, width, height, stride);
        var expected = ScalarPerceptual.BicubicHalf(image, width, height);
        var actual = new float[(width / 2) * (height / 2)];

        BicubicHalf.Resize(image, width, height, actual);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Detail_is_the_pixel_by_pixel_mean_difference(string kind, int width, int height)
    {
        var (pixels, stride) = Picture(kind, width, height, margin: 7);

        Assert.Equal(
            ScalarPerceptual.Detail(pixels, stride, 7, 1, width, height - 1),
            PerceptualMeter.Detail(pixels, stride, 7, 1, width, height - 1));
        Assert.Equal(
            ScalarPerceptual.Detail(pixels, stride, 0, 0, width + 7, height),
            PerceptualMeter.Detail(pixels, stride, 0, 0, width + 7, height));
    }

    // A picture of width + margin columns (the picture starts margin columns in), deterministic.
    private static (byte[] Pixels, int Stride) Picture(string kind, int width, int height, int margin)
    {
        var stride = width + margin;
        var pixels = new byte[stride * height];
        var random = new Random(width * 7919 + height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < stride; x++)
            {
                pixels[(y * stride) + x] = kind switch
                {
                    "noise" => (byte)random.Next(256),
                    "gradient" => (byte)((x * 255 / Math.Max(1, stride - 1)) ^ (y & 1)),
                    "texture" => (byte)Math.Clamp(128 + (60 * Math.Sin(x * 0.37) * Math.Cos(y * 0.23)) + random.Next(-20, 21), 0, 255),
                    "flat-and-noise" => x < stride / 2 ? (byte)90 : (byte)random.Next(256),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                };
            }
        }

        return (pixels, stride);
    }
}
