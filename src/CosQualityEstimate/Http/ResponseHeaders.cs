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

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
