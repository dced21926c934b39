using CosQualityEstimate.LocalAnalysis.Detection;
using CosQualityEstimate.LocalAnalysis.Frames;
using CosQualityEstimate.Models;
using ZXing;
using ZXing.Common;

namespace CosQualityEstimate.LocalAnalysis.Tests;

/// <summary>
/// The code reader searches 2-D codes in the whole frame and 1-D bar codes in every 4th row (speed, issue 17): codes
/// anywhere in a 720p frame — at the top, the bottom, both at once — are found, and a bar code's box is in the frame's
/// own rows, not the thinned frame's.
/// </summary>
public sealed class CodeReaderTests
{
    [Theory]
    [InlineData(40, 20)]
    [InlineData(600, 300)]
    [InlineData(1000, 630)]
    public void A_bar_code_is_found_anywhere_and_boxed_in_frame_rows(int x, int y)
    {
        var frame = Frame(1280, 720);
        Draw(frame, Encode("5901234123457", BarcodeFormat.EAN_13, 240, 80), x, y);

        var code = Assert.Single(new CodeReader().Read(frame));

        Assert.Equal(QualityIssueType.BarCode, code.Type);
        Assert.True(code.Box.Overlaps(new PixelBox(x, y, x + 239, y + 79)), $"box {code.Box} is not over the code at {x},{y}");
        Assert.InRange(code.Box.Y1, y - 60, y + 80);
        Assert.InRange(code.Box.Y2, y, y + 140);
    }

    [Theory]
    [InlineData(100, 40)]
    [InlineData(1150, 400)]
    public void A_sideways_bar_code_is_found_and_boxed_around_its_bars(int x, int y)
    {
        var frame = Frame(1280, 720);
        Draw(frame, Encode("5901234123457", BarcodeFormat.EAN_13, 240, 80), x, y, turned: true); // 80 wide, 240 tall

        var code = Assert.Single(new CodeReader().Read(frame));

        Assert.Equal(QualityIssueType.BarCode, code.Type);
        var truth = new PixelBox(x, y, x + 79, y + 239);
        Assert.True(code.Box.Overlaps(truth), $"box {code.Box} is not over the code at {x},{y}");
        Assert.True(code.Box.X2 - code.Box.X1 >= 40, $"box {code.Box} is a line, not the code's bars");
        Assert.InRange(code.Box.Y1, y - 80, y + 40);
        Assert.InRange(code.Box.Y2, y + 200, y + 320);
    }

    [Fact]
    public void A_QR_code_and_a_bar_code_in_one_frame_are_both_found()
    {
        var frame = Frame(1280, 720);
        Draw(frame, Encode("https://example.com/cosqe", BarcodeFormat.QR_CODE, 150, 150), 100, 500);
        Draw(frame, Encode("5901234123457", BarcodeFormat.EAN_13, 240, 80), 800, 60);

        var codes = new CodeReader().Read(frame);

        var qr = Assert.Single(codes, c => c.Type == QualityIssueType.QRCode);
        var bar = Assert.Single(codes, c => c.Type == QualityIssueType.BarCode);
        Assert.True(qr.Box.Overlaps(new PixelBox(100, 500, 249, 649)));
        Assert.True(bar.Box.Overlaps(new PixelBox(800, 60, 1039, 139)));
    }

    [Fact]
    public void A_frame_without_codes_has_none() => Assert.Empty(new CodeReader().Read(Frame(1280, 720)));

    private static GrayFrame Frame(int width, int height)
    {
        var random = new Random(3);
        var pixels = new byte[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(90 + random.Next(40));
        }

        return new GrayFrame(0, 0, width, height, pixels);
    }

    private static BitMatrix Encode(string text, BarcodeFormat format, int width, int height) =>
        new MultiFormatWriter().encode(text, format, width, height);

    /// <summary>Draws the code at (left, top); turned: a quarter turn (its bars horizontal).</summary>
    private static void Draw(GrayFrame frame, BitMatrix code, int left, int top, bool turned = false)
    {
        for (var y = 0; y < code.Height; y++)
        {
            for (var x = 0; x < code.Width; x++)
            {
                var (fx, fy) = turned ? (left + y, top + x) : (left + x, top + y);
                frame.Pixels[(fy * frame.Width) + fx] = code[x, y] ? (byte)0 : (byte)255;
            }
        }
    }
}
