using System.Globalization;

namespace CosQualityEstimate.Emulator.Security;

/// <summary>The parsed fields of a <c>q-sign-algorithm=sha1&amp;...</c> Authorization header.</summary>
internal sealed class AuthorizationHeader
{
    private AuthorizationHeader(string secretId, long keyStart, long keyEnd, string[] headerList, string[] paramList, string signature)
    {
        SecretId = secretId;
        KeyStart = keyStart;
        KeyEnd = keyEnd;
        HeaderList = headerList;
        ParamList = paramList;
        Signature = signature;
    }

    internal string SecretId { get; }

    internal long KeyStart { get; }

    internal long KeyEnd { get; }

    internal string[] HeaderList { get; }

    internal string[] ParamList { get; }

    internal string Signature { get; }

    /// <summary>Parses the header; <see langword="null"/> when a field is missing or garbled.</summary>
    internal static AuthorizationHeader? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Trim().Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !fields.TryAdd(part[..eq], part[(eq + 1)..]))
            {
                return null;
            }
        }

        if (!fields.TryGetValue("q-sign-algorithm", out var algorithm) || algorithm != "sha1"
            || !fields.TryGetValue("q-ak", out var ak) || ak.Length == 0
            || !fields.TryGetValue("q-sign-time", out var signTime) || !TryParseWindow(signTime, out _, out _)
            || !fields.TryGetValue("q-key-time", out var keyTime) || !TryParseWindow(keyTime, out var start, out var end)
            || !fields.TryGetValue("q-header-list", out var headerList)
            || !fields.TryGetValue("q-url-param-list", out var paramList)
            || !fields.TryGetValue("q-signature", out var signature) || signature.Length != 40)
        {
            return null;
        }

        return new AuthorizationHeader(ak, start, end, SplitList(headerList), SplitList(paramList), signature);
    }

    private static string[] SplitList(string list) =>
        list.Length == 0 ? Array.Empty<string>() : list.Split(';');

    private static bool TryParseWindow(string text, out long start, out long end)
    {
        start = 0;
        end = 0;
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        return semicolon > 0
            && long.TryParse(text.AsSpan(0, semicolon), NumberStyles.None, CultureInfo.InvariantCulture, out start)
            && long.TryParse(text.AsSpan(semicolon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out end)
            && end > start;
    }
}
