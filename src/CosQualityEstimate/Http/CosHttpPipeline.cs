using System.Net.Http.Headers;
using System.Text;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Http;

/// <summary>
/// Sends <see cref="CosRequest"/>s: build a new message → sign it → send → read the body (bounded) → map errors.
/// One instance per client; thread-safe.
/// </summary>
internal sealed class CosHttpPipeline
{
    private static readonly MediaTypeHeaderValue XmlContentType = new("application/xml");

    private readonly HttpClient _httpClient;
    private readonly Uri _baseUri;
    private readonly string _userAgent;

    internal CosHttpPipeline(HttpClient httpClient, Uri baseUri, RequestSigner signer, string userAgent)
    {
        _httpClient = httpClient;
        _baseUri = baseUri;
        Signer = signer;
        _userAgent = userAgent;
    }

    internal RequestSigner Signer { get; }

    internal Uri BaseUri => _baseUri;

    /// <summary>Sends one attempt of <paramref name="request"/> and returns the 2xx response, or throws <see cref="CosServiceException"/>.</summary>
    internal async Task<CosResponse> SendAsync(CosRequest request, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(request);
        await Signer.SignAsync(message, request.Path, request.Query, cancellationToken).ConfigureAwait(false);

        using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var requestId = ResponseHeaders.GetRequestId(response.Headers);
        var body = await ReadBodyAsync(response, status, requestId, cancellationToken).ConfigureAwait(false);

        if (status is < 200 or > 299)
        {
            throw ServiceErrorMapper.Map(status, body, requestId, ResponseHeaders.GetTraceId(response.Headers));
        }

        return new CosResponse(status, body, requestId);
    }

    internal HttpRequestMessage CreateMessage(CosRequest request)
    {
        var message = new HttpRequestMessage(request.Method, BuildUri(request))
        {
            Version = _httpClient.DefaultRequestVersion,
            VersionPolicy = _httpClient.DefaultVersionPolicy,
        };
        message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (request.Body is { } body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = XmlContentType;
            content.Headers.ContentLength = body.Length;
            message.Content = content;
        }

        return message;
    }

    private Uri BuildUri(CosRequest request)
    {
        var builder = new StringBuilder(128);
        builder.Append(_baseUri.GetLeftPart(UriPartial.Authority));
        var basePath = _baseUri.AbsolutePath.TrimEnd('/');
        builder.Append(basePath);
        foreach (var segment in request.Path.Split('/'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            builder.Append('/').Append(EscapePathSegment(segment));
        }

        if (request.Path.EndsWith('/') || request.Path.Length == 0)
        {
            builder.Append('/');
        }

        var separator = '?';
        foreach (var (name, value) in request.Query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name));
            if (value.Length > 0)
            {
                builder.Append('=').Append(Uri.EscapeDataString(value));
            }

            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>RFC 3986 escaping of one path segment; ',' stays literal because the service lists job ids as <c>/jobs/a,b</c>.</summary>
    private static string EscapePathSegment(string segment) => Uri.EscapeDataString(segment).Replace("%2C", ",", StringComparison.Ordinal);

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, int status, string? requestId, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is long declared && declared > CosXml.MaxBodyBytes)
        {
            throw new CosResponseFormatException(status, requestId, string.Empty, null, $"The response declares {declared} bytes, over the {CosXml.MaxBodyBytes}-byte limit.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > CosXml.MaxBodyBytes)
                {
                    throw new CosResponseFormatException(status, requestId, BodyPreview.Create(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), null, $"The response body exceeds the {CosXml.MaxBodyBytes}-byte limit.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
