namespace CosQualityEstimate.LocalAnalysis.Frames;

/// <summary>One 8-bit grayscale frame of the 2 fps stream ffmpeg writes to stdout (row-major, no padding).</summary>
internal sealed class GrayFrame
{
    public GrayFrame(int index, double time, int width, int height, byte[] pixels)
    {
        Index = index;
        Time = time;
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Position in the stream (0, 1, 2, ...).</summary>
    public int Index { get; }

    /// <summary>Presentation time, seconds.</summary>
    public double Time { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Exactly <see cref="Width"/> × <see cref="Height"/> bytes, owned by the frame pool.</summary>
    public byte[] Pixels { get; }

    public byte this[int x, int y] => Pixels[(y * Width) + x];
}
