using System.Globalization;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>
/// The service's time format, <c>yyyy-MM-ddTHH:mm:ss+0800</c> (offset without a colon). <c>-</c> or empty
/// means "not yet". ISO 8601 forms (<c>+08:00</c>, <c>Z</c>) are accepted too. The emulator writes job times and
/// reads the list filter's times with it.
/// </summary>
internal static class ServiceTimeText
{
    private static readonly string[] Formats =
    {
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    };

    /// <summary>Parses a service time; <c>null</c> for absent, <c>-</c> or unparsable text (kept lenient: a newer format must not fail a job read).</summary>
    internal static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value == "-")
        {
            return null;
        }

        // "+0800" → "+08:00" so that the standard zzz specifier reads it.
        if (value.Length >= 5)
        {
            var sign = value[value.Length - 5];
            if ((sign == '+' || sign == '-') && IsDigits(value.AsSpan(value.Length - 4)))
            {
                value = string.Concat(value.AsSpan(0, value.Length - 2), ":", value.AsSpan(value.Length - 2));
            }
        }

        return DateTimeOffset.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>Formats a time as the service expects it in query strings: <c>yyyy-MM-ddTHH:mm:ss+0800</c>, keeping the value's own offset.</summary>
    internal static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{value:yyyy-MM-dd'T'HH:mm:ss}{sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
