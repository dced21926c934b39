namespace CosQualityEstimate.LocalAnalysis.Detection;

/// <summary>How many rows (top, bottom) and columns (left, right) of a gray frame, counted from each edge, are uniform
/// and near black or near white (measured by the frame worker's bar meter); 0 where the picture starts at the edge.</summary>
internal readonly record struct UniformBars(int Top, int Bottom, int Left, int Right)
{
    /// <summary>True when both opposite sides of one axis have bars of at least the given size (gray pixels).</summary>
    public bool OnBothSides(int minRows, int minColumns) =>
        (Top >= minRows && Bottom >= minRows) || (Left >= minColumns && Right >= minColumns);
}
