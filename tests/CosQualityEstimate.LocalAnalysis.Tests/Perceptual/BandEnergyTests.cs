using CosQualityEstimate.LocalAnalysis.Perceptual;
using CosQualityEstimate.LocalAnalysis.Scoring;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>The band energies of the Haar pyramid and the lost-energy estimate (docs/local-analysis.md, "Score").</summary>
public sealed class BandEnergyTests
{
    [Fact]
    public void A_flat_picture_has_no_energy_in_any_band()
    {
        var flat = Enumerable.Repeat((byte)117, 64 * 64).ToArray();
        Assert.All(BandEnergy.Measure(flat, 64, 64, 64), e => Assert.Equal(0, e, 9));
    }

    [Fact]
    public void A_one_pixel_checkerboard_is_all_in_the_finest_band()
    {
        // Every 2×2 block is {0, 255, 255, 0}: mean 127.5, squared deviation 127.5² per pixel; its means are flat.
        var board = new byte[64 * 64];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                board[(y * 64) + x] = (byte)(((x + y) % 2) * 255);
            }
        }

        var e = BandEnergy.Measure(board, 64, 64, 64);
        Assert.Equal(127.5 * 127.5, e[0], 6);
        Assert.All(e.Skip(1), v => Assert.Equal(0, v, 6));
    }

    [Fact]
    public void Stripes_of_8_pixels_sit_in_band_3_and_the_stride_is_respected()
    {
        // Columns alternate 0/200 every 8 pixels: a level-3 (1/8) pixel is 0 or 200, each of its 2×2 blocks holds both.
        const int width = 128, height = 64, stride = 150;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < stride; x++)
            {
                pixels[(y * stride) + x] = x >= width ? (byte)255 : (byte)((x / 8) % 2 * 200);
            }
        }

        var e = BandEnergy.Measure(pixels, width, height, stride);
        Assert.Equal(0, e[0], 6);
        Assert.Equal(0, e[1], 6);
        Assert.Equal(0, e[2], 6);
        Assert.Equal(100.0 * 100, e[3], 3);
        Assert.Equal(0, e[4], 6);
    }

    [Fact]
    public void Blur_of_a_scale_invariant_picture_is_lost_energy_and_the_sharp_picture_has_little()
    {
        // A deterministic 1/f-like picture: octaves of random values, each box-upsampled, with equal energy per octave.
        var sharp = Fractal(256, seed: 7);
        var blurred = Box(sharp, 256, radius: 2);
        var ratios = new[] { 1.0, 1.0, 1.0, 1.0 };
        var sharpBands = BandEnergy.Measure(sharp, 256, 256, 256);
        var blurredBands = BandEnergy.Measure(blurred, 256, 256, 256);
        Assert.True(blurredBands[0] < sharpBands[0] / 4, $"blur keeps fine energy: {blurredBands[0]} vs {sharpBands[0]}");
        foreach (var anchor in new[] { 0, 3, 4 })
        {
            var lostSharp = ScoreModel.LostEnergy(sharpBands, ratios, anchor);
            var lostBlurred = ScoreModel.LostEnergy(blurredBands, ratios, anchor);
            Assert.True(lostBlurred > lostSharp + 20, $"anchor {anchor}: lost {lostBlurred} (blurred) vs {lostSharp} (sharp)");
        }
    }

    [Fact]
    public void Lost_energy_needs_every_band_it_reads()
    {
        Assert.True(double.IsNaN(ScoreModel.LostEnergy([10, double.NaN, 10, 10, 10], [1, 1, 1, 1], 0)));
        Assert.Equal(15, ScoreModel.LostEnergy([5, 20, 20, 20, 20], [1, 1, 1, 1], 0), 9);
        Assert.Equal(0, ScoreModel.LostEnergy([40, 20, 10, 5, 2.5], [2, 2, 2, 2], 0), 9);
    }

    private static byte[] Fractal(int size, int seed)
    {
        var random = new Random(seed);
        var sum = new double[size * size];
        for (var cell = 1; cell <= size / 4; cell *= 2)
        {
            var n = size / cell;
            var values = Enumerable.Range(0, n * n).Select(_ => (random.NextDouble() - 0.5) * 40).ToArray();
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    sum[(y * size) + x] += values[((y / cell) * n) + (x / cell)];
                }
            }
        }

        return [.. sum.Select(v => (byte)Math.Clamp(Math.Round(128 + v), 0, 255))];
    }

    private static byte[] Box(byte[] pixels, int size, int radius)
    {
        var output = new byte[pixels.Length];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                int sum = 0, count = 0;
                for (var dy = -radius; dy <= radius; dy++)
                {
                    for (var dx = -radius; dx <= radius; dx++)
                    {
                        var yy = Math.Clamp(y + dy, 0, size - 1);
                        var xx = Math.Clamp(x + dx, 0, size - 1);
                        sum += pixels[(yy * size) + xx];
                        count++;
                    }
                }

                output[(y * size) + x] = (byte)((sum + (count / 2)) / count);
            }
        }

        return output;
    }
}
