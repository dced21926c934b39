using System.Net.Http.Headers;

namespace CosQualityEstimate.Http;

/// <summary>The response headers the library reads (allow-list; nothing else is ever surfaced).</summary>
internal static class ResponseHeaders
{
    internal const string CiRequestId = "x-ci-request-id";
    internal const string CosRequestId = "x-cos-request-id";
    internal const string CiTraceId = "x-ci-trace-id";
    internal const string CosTraceId = "x-cos-trace-id";

    internal static string? GetRequestId(HttpResponseHeaders headers) => First(headers, CiRequestId) ?? First(headers, CosRequestId);

    internal static string? GetTraceId(HttpResponseHeaders headers) => First(headers, CiTraceId) ?? First(headers, CosTraceId);

    /// <summary>The object headers the object client reads (allow-list).</summary>
    private static readonly string[] ObjectHeaders = ["ETag", "Last-Modified", "x-cos-hash-crc64ecma", "x-cos-storage-class", SimulatedHeader];

    /// <summary>The emulator's mark on a placeholder snapshot (<c>true</c>); the real service never sends it.</summary>
    internal const string SimulatedHeader = "x-cosqe-simulated";

    /// <summary>Copies the allow-listed object headers of a response (case-insensitive names).</summary>
    internal static Dictionary<string, string> CaptureObjectHeaders(HttpResponseMessage response)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ObjectHeaders)
        {
            if (First(response.Headers, name) is { } value)
            {
                result[name] = value;
            }
        }

        if (response.Content.Headers.ContentLength is long length)
        {
            result["Content-Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (response.Content.Headers.ContentType is { } type)
        {
            result["Content-Type"] = type.ToString();
        }

        if (response.Content.Headers.LastModified is { } modified && !result.ContainsKey("Last-Modified"))
        {
            result["Last-Modified"] = modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>The first value of <paramref name="name"/> as received (the non-validated view: no parse, no array).</summary>
    private static string? First(HttpResponseHeaders headers, string name)
    {
        if (!headers.NonValidated.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
