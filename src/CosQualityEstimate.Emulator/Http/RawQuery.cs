namespace CosQualityEstimate.Emulator.Http;

/// <summary>
/// Parses the raw query string exactly as sent: <c>+</c> stays <c>+</c> (only <c>%XX</c> is decoded), a bare name
/// (<c>?cancel</c>) has the value "", and order and duplicates are kept.
/// </summary>
internal static class RawQuery
{
    internal static List<KeyValuePair<string, string>> Parse(string? queryString)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(queryString))
        {
            return result;
        }

        var text = queryString[0] == '?' ? queryString[1..] : queryString;
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            result.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return result;
    }

    internal static string? Get(List<KeyValuePair<string, string>> query, string name)
    {
        foreach (var (key, value) in query)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
