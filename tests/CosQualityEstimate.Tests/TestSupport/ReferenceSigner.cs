using System.Security.Cryptography;
using System.Text;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Tests.TestSupport;

/// <summary>
/// A deliberately naive, independent implementation of the spec (string concatenation, LINQ,
/// Uri.EscapeDataString, HMACSHA1 instances) used as the expected value.
/// </summary>
internal static class ReferenceSigner
{
    private static readonly HashSet<string> AllowedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-type", "content-length", "content-md5", "cache-control", "content-disposition",
        "content-encoding", "expect", "expires", "if-match", "if-modified-since", "if-none-match",
        "if-unmodified-since", "origin", "range", "transfer-encoding", "pic-operations",
    };

    public static string Sign(
        CosCredential credential, string method, string path,
        IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers,
        DateTimeOffset start, DateTimeOffset end)
    {
        var encodedQuery = query.Select(p => (Name: Encode(p.Key).ToLowerInvariant(), Value: Encode(p.Value ?? ""))).ToList();
        var encodedHeaders = headers
            .Where(p => AllowedHeaders.Contains(p.Key)
                || p.Key.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase)
                || p.Key.StartsWith("x-ci-", StringComparison.OrdinalIgnoreCase))
            .Select(p => (Name: Encode(p.Key).ToLowerInvariant(), Value: Encode(p.Value ?? "")))
            .ToList();
        var sortedQuery = encodedQuery.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).ToList();
        var sortedHeaders = encodedHeaders.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).ToList();

        string httpString = method.ToLowerInvariant() + "\n" + path + "\n"
            + string.Join("&", sortedQuery.Select(p => p.Name + "=" + p.Value)) + "\n"
            + string.Join("&", sortedHeaders.Select(p => p.Name + "=" + p.Value)) + "\n";

        return SignHttpString(
            credential, httpString, start, end,
            string.Join(";", sortedHeaders.Select(p => p.Name)),
            string.Join(";", sortedQuery.Select(p => p.Name)));
    }

    public static string SignHttpString(
        CosCredential credential, string httpString, DateTimeOffset start, DateTimeOffset end, string headerList, string paramList)
    {
        string keyTime = start.ToUnixTimeSeconds() + ";" + end.ToUnixTimeSeconds();
        using var keyHmac = new HMACSHA1(Encoding.UTF8.GetBytes(credential.SecretKey));
        string signKey = Convert.ToHexString(keyHmac.ComputeHash(Encoding.UTF8.GetBytes(keyTime))).ToLowerInvariant();
        using var sha1 = SHA1.Create();
        string httpHash = Convert.ToHexString(sha1.ComputeHash(Encoding.UTF8.GetBytes(httpString))).ToLowerInvariant();
        string stringToSign = "sha1\n" + keyTime + "\n" + httpHash + "\n";
        using var sigHmac = new HMACSHA1(Encoding.UTF8.GetBytes(signKey));
        string signature = Convert.ToHexString(sigHmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign))).ToLowerInvariant();
        return "q-sign-algorithm=sha1&q-ak=" + credential.SecretId
            + "&q-sign-time=" + keyTime + "&q-key-time=" + keyTime
            + "&q-header-list=" + headerList + "&q-url-param-list=" + paramList
            + "&q-signature=" + signature;
    }

    /// <summary>
    /// Independently checks an Authorization value against a request as the server received it: re-derives the
    /// HttpString from the headers named in q-header-list and every query parameter, and recomputes the signature.
    /// </summary>
    public static bool Verify(
        CosCredential credential, string authorization, string method, string decodedPath,
        IEnumerable<KeyValuePair<string, string>> receivedQuery, IDictionary<string, string> receivedHeaders)
    {
        var fields = authorization.Split('&').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "");
        var times = fields["q-key-time"].Split(';');
        var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(times[0], System.Globalization.CultureInfo.InvariantCulture));
        var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(times[1], System.Globalization.CultureInfo.InvariantCulture));
        var headerNames = fields["q-header-list"].Length == 0 ? Array.Empty<string>() : fields["q-header-list"].Split(';');
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in headerNames)
        {
            var match = receivedHeaders.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
            headers.Add(new(name, match.Value));
        }

        var expected = Sign(credential, method, decodedPath, receivedQuery, headers, start, end);
        return string.Equals(expected, authorization, StringComparison.Ordinal);
    }

    private static string Encode(string value) =>
        Uri.EscapeDataString(value)
            .Replace("!", "%21", StringComparison.Ordinal)
            .Replace("*", "%2A", StringComparison.Ordinal)
            .Replace("'", "%27", StringComparison.Ordinal)
            .Replace("(", "%28", StringComparison.Ordinal)
            .Replace(")", "%29", StringComparison.Ordinal);
}
