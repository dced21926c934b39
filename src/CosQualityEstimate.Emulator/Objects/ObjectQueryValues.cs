using System.Globalization;
using CosQualityEstimate.Emulator.Http;

namespace CosQualityEstimate.Emulator.Objects;

/// <summary>Reads the query parameters of the object API's listing calls and encodes the keys they return.</summary>
internal static class ObjectQueryValues
{
    /// <summary>The value URL-encoded when the request asked for <c>encoding-type=url</c>, else as is.</summary>
    internal static string Encode(string value, bool urlEncoded) => urlEncoded ? Uri.EscapeDataString(value) : value;

    /// <summary>Whether the request asked for <c>encoding-type=url</c>.</summary>
    internal static bool IsUrlEncoded(List<KeyValuePair<string, string>> query) =>
        string.Equals(RawQuery.Get(query, "encoding-type"), "url", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a non-negative integer parameter; an absent or empty one is <paramref name="fallback"/>.</summary>
    internal static bool TryGetInt(List<KeyValuePair<string, string>> query, string name, int fallback, out int value)
    {
        var raw = RawQuery.Get(query, name);
        if (string.IsNullOrEmpty(raw))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
