using System.Globalization;

namespace CosQualityEstimate.Serialization;

/// <summary>Lenient parsing of the service's string-typed numbers and booleans: anything unparsable becomes <c>null</c>, never an exception.</summary>
internal static class ServiceValue
{
    internal static int? ParseInt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Some services send integral values as "90.0".
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d >= int.MinValue && d <= int.MaxValue && Math.Abs(d - Math.Round(d)) < 1e-9
            ? (int)Math.Round(d)
            : null;
    }

    internal static double? ParseDouble(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
    }

    internal static long? ParseLong(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Integral values sent as "1756799.0".
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d >= -9.2e18 && d <= 9.2e18 && Math.Abs(d - Math.Round(d)) < 1e-9
            ? (long)Math.Round(d)
            : null;
    }

    /// <summary>A duration the service sends in (fractional) seconds, for example <c>12.480000</c>; <c>null</c> when unreadable or out of range.</summary>
    internal static TimeSpan? ParseSeconds(string? text)
    {
        var seconds = ParseDouble(text);
        if (seconds is not double value || Math.Abs(value) >= TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return null;
        }

        return TimeSpan.FromTicks((long)Math.Round(value * TimeSpan.TicksPerSecond));
    }

    internal static bool? ParseBool(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value == "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return null;
    }

    /// <summary>Integers from repeated elements, each of which may itself be a comma- or space-separated list.</summary>
    internal static IReadOnlyList<int> ParseIntList(List<string>? parts)
    {
        if (parts is null || parts.Count == 0)
        {
            return Array.Empty<int>();
        }

        var result = new List<int>(4);
        foreach (var part in parts)
        {
            if (part is null)
            {
                continue;
            }

            foreach (var piece in part.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parsed = ParseInt(piece.Trim('[', ']'));
                if (parsed is int number)
                {
                    result.Add(number);
                }
            }
        }

        return result;
    }

    private static readonly char[] Separators = { ',', ' ', ';' };
}
