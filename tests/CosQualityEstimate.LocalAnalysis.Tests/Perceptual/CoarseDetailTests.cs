using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.LocalAnalysis.Perceptual;

namespace CosQualityEstimate.LocalAnalysis.Tests.Perceptual;

/// <summary>The coarse detail (<see cref="CoarseDetail"/>): the mean absolute difference of neighbouring 8×8 box means.</summary>
public sealed class CoarseDetailTests
{
    [Fact]
    public void A_step_edge_between_boxes_is_its_height_over_the_neighbour_pairs()
    {
        // 8 × 2 boxes, left half 0 and right half 200: one of the 7 horizontal pairs of each row differs (by 200), no
        // vertical pair does (8 of them): 2·200 / (2·7 + 8).
        const int width = 64, height = 16;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 32; x < width; x++)
            {
                pixels[(y * width) + x] = 200;
            }
        }

        Assert.Equal(400.0 / 22, CoarseDetail.Measure(pixels, width, height, width), 9);
    }

    [Fact]
    public void Fine_texture_has_fine_detail_but_no_coarse_structure()
    {
        const int width = 64, height = 64;
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)((x + y) % 2 == 0 ? 0 : 255);
            }
        }

        Assert.Equal(0, CoarseDetail.Measure(pixels, width, height, width));
        Assert.True(PerceptualMeter.Detail(pixels, width, 0, 0, width, height) > 200);
    }

    [Fact]
    public void A_stride_wider_than_the_picture_and_a_picture_under_two_boxes_are_handled()
    {
        // The same step edge inside a wider buffer (only the picture's columns count): the same value; 8 px high is NaN.
        const int width = 64, height = 16, stride = 80;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 32; x < stride; x++)
            {
                pixels[(y * stride) + x] = x < width ? (byte)200 : (byte)90;
            }
        }

        Assert.Equal(400.0 / 22, CoarseDetail.Measure(pixels, width, height, stride), 9);
        Assert.True(double.IsNaN(CoarseDetail.Measure(pixels, width, 8, stride)));
    }
}
