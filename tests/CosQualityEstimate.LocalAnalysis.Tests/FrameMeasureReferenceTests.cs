using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.LocalAnalysis.Tests.TestSupport;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>
/// The frame measurements were vectorised for speed (issue 17); they must give exactly the values of their
/// pixel-by-pixel definitions (<see cref="ScalarFrameMeasures"/>) on every kind of picture and size, including sizes
/// that are not multiples of 16 and tiles flush with the frame's last byte.
/// </summary>
public sealed class FrameMeasureReferenceTests
{
    public static TheoryData<string, int, int> Pictures => new()
    {
        { "noise", 1280, 720 },
        { "noise", 321, 179 },
        { "gradient", 640, 360 },
        { "blocks", 352, 288 },
        { "dark-and-bright", 200, 150 },
        { "cells", 64, 64 },
        { "noise", 33, 47 },
    };

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Noise_is_the_pixel_by_pixel_estimate(string kind, int width, int height)
    {
        var frame = Picture(kind, width, height);
        var expected = ScalarFrameMeasures.Noise(frame);
        var actual = NoiseEstimator.Estimate(frame);

        Assert.Equal(expected, actual);
        if (width >= 16 && height >= 16 && kind != "dark-and-bright")
        {
            Assert.False(double.IsNaN(actual), "the picture has usable blocks");
        }
    }

    [Theory]
    [MemberData(nameof(Pictures))]
    public void Blockiness_steps_are_the_pixel_by_pixel_steps(string kind, int width, int height)
    {
        var frame = Picture(kind, width, height);
        var (expectedColumns, expectedRows) = ScalarFrameMeasures.BlockinessSteps(frame);
        var (columns, rows) = BlockinessMeter.Steps(frame);

        Assert.Equal(expectedColumns, columns);
        Assert.Equal(expectedRows, rows);
        Assert.Contains(columns, c => c > 0);
    }

    [Theory]
    [InlineData("noise", 1280, 720, 64)]
    [InlineData("cells", 640, 360, 64)]
    [InlineData("blocks", 352, 288, 20)]
    [InlineData("noise", 321, 179, 100)]
    [InlineData("gradient", 300, 200, 16)]
    [InlineData("cells", 512, 512, 512)]
    public void Pixelation_changes_are_the_pixel_by_pixel_counts(string kind, int width, int height, int tileSize)
    {
        var frame = Picture(kind, width, height);
        var columns = new int[tileSize];
        var rows = new int[tileSize];
        var compared = 0;

        // Every origin the finder uses, the last ones flush with the frame's right and bottom edges (its last byte).
        foreach (var ty in new[] { 0, (height - tileSize) / 2, height - tileSize })
        {
            foreach (var tx in new[] { 0, (width - tileSize) / 2, width - tileSize })
            {
                PixelationFinder.CountChanges(frame, tx, ty, tileSize, columns, rows);
                var (expectedColumns, expectedRows) = ScalarFrameMeasures.Changes(frame, tx, ty, tileSize, changeLevel: 8);
                Assert.Equal(expectedColumns, columns);
                Assert.Equal(expectedRows, rows);
                Assert.Equal(0, columns[tileSize - 1]);
                Assert.Equal(0, rows[tileSize - 1]);
                compared++;
            }
        }

        Assert.Equal(9, compared);
    }

    [Fact]
    public void A_pixelated_picture_is_still_found_and_a_noisy_one_is_not()
    {
        Assert.NotEmpty(PixelationFinder.FindTiles(Picture("cells", 640, 360), 64, 0.05));
        Assert.Empty(PixelationFinder.FindTiles(Picture("noise", 640, 360), 64, 0.05));
    }

    /// <summary>Deterministic test pictures: random noise, a smooth gradient, 8×8 codec-like blocks, black and white
    /// areas (skipped by the noise estimate), and flat 10-pixel cells (a pixelation grid).</summary>
    private static GrayFrame Picture(string kind, int width, int height)
    {
        var random = new Random(width * 7919 + height);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = kind switch
                {
                    "noise" => (byte)random.Next(256),
                    "gradient" => (byte)Math.Clamp((x * 200 / width) + (y * 50 / height) + random.Next(-3, 4), 0, 255),
                    "blocks" => (byte)Math.Clamp(((x / 8) * 37 + (y / 8) * 91) % 200 + 20 + random.Next(-2, 3), 0, 255),
                    "dark-and-bright" => x < width / 2 ? (byte)random.Next(0, 12) : (byte)random.Next(240, 256),
                    "cells" => (byte)(((x / 10) * 53 + (y / 10) * 97) % 256),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                };
            }
        }

        return new GrayFrame(0, 0, width, height, pixels);
    }
}
