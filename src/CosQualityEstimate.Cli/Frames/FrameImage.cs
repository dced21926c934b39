namespace CosQualityEstimate.Cli.Frames;

/// <summary>One encoded frame: its bytes, their content type and the picture's size in pixels.</summary>
internal sealed record FrameImage(byte[] Bytes, string ContentType, int Width, int Height);
