namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>An inclusive pixel rectangle: top-left (X1, Y1) to bottom-right (X2, Y2), the service's AreaCoordSet order.</summary>
internal readonly record struct PixelBox(int X1, int Y1, int X2, int Y2)
{
    public bool Overlaps(PixelBox other) => X1 <= other.X2 && other.X1 <= X2 && Y1 <= other.Y2 && other.Y1 <= Y2;

    public PixelBox Union(PixelBox other) =>
        new(Math.Min(X1, other.X1), Math.Min(Y1, other.Y1), Math.Max(X2, other.X2), Math.Max(Y2, other.Y2));

    /// <summary>Scales the box by <paramref name="factor"/> (e.g. from the analysis picture to the source), clamped to the picture.</summary>
    public PixelBox Scale(double factor, int maxX, int maxY) => new(
        Math.Clamp((int)Math.Round(X1 * factor), 0, maxX),
        Math.Clamp((int)Math.Round(Y1 * factor), 0, maxY),
        Math.Clamp((int)Math.Round(((X2 + 1) * factor) - 1), 0, maxX),
        Math.Clamp((int)Math.Round(((Y2 + 1) * factor) - 1), 0, maxY));

    public int[] ToArray() => [X1, Y1, X2, Y2];
}
