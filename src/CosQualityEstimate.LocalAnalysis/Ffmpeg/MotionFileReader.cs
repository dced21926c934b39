using System.Globalization;
using System.Text.RegularExpressions;

namespace CosQualityEstimate.LocalAnalysis.Ffmpeg;

/// <summary>
/// Reads vidstabdetect's <c>.trf</c> file (<c>Frame N (List M [(LM dx dy x y size contrast match),...])</c>) into one
/// motion per frame: the median of the local motion vectors' dx and dy (0, 0 when a frame has none).
/// </summary>
internal static partial class MotionFileReader
{
    public static List<(double Dx, double Dy)> Read(string path)
    {
        var motions = new List<(double, double)>();
        if (!File.Exists(path))
        {
            return motions;
        }

        using var reader = new StreamReader(path);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("Frame ", StringComparison.Ordinal))
            {
                continue;
            }

            var dx = new List<double>();
            var dy = new List<double>();
            foreach (Match match in VectorPattern().Matches(line))
            {
                dx.Add(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                dy.Add(double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            }

            motions.Add((Median(dx), Median(dy)));
        }

        return motions;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    [GeneratedRegex(@"\(LM (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) ", RegexOptions.CultureInvariant)]
    private static partial Regex VectorPattern();
}
