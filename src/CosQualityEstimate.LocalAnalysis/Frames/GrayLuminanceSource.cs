using ZXing;

namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>
/// A row-major 8-bit gray picture for ZXing that can be cropped but does not offer rotation: the 1-D searches of <see cref="CodeReader"/>
/// run on thinned copies where a rotated search would see a squashed picture, so the sideways search is done on a
/// copy made for it instead.
/// </summary>
internal sealed class GrayLuminanceSource : LuminanceSource
{
    private readonly byte[] _pixels;

    public GrayLuminanceSource(byte[] pixels, int width, int height)
        : base(width, height)
    {
        _pixels = pixels;
    }

    /// <inheritdoc />
    public override byte[] Matrix
    {
        get
        {
            var size = Width * Height;
            if (_pixels.Length == size)
            {
                return _pixels;
            }

            var copy = new byte[size];
            Buffer.BlockCopy(_pixels, 0, copy, 0, size);
            return copy;
        }
    }

    /// <summary>Cropping is supported (the multi-code search crops around the first code it finds).</summary>
    public override bool CropSupported => true;

    /// <inheritdoc />
    public override LuminanceSource crop(int left, int top, int width, int height)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Buffer.BlockCopy(_pixels, ((top + y) * Width) + left, pixels, y * width, width);
        }

        return new GrayLuminanceSource(pixels, width, height);
    }

    /// <inheritdoc />
    public override byte[] getRow(int y, byte[] row)
    {
        if (row is null || row.Length < Width)
        {
            row = new byte[Width];
        }

        Buffer.BlockCopy(_pixels, y * Width, row, 0, Width);
        return row;
    }
}
