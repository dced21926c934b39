using System.Net.Http.Headers;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Http;

/// <summary>
/// Signs the <see cref="HttpRequestMessage"/> that is actually sent: the Host it will carry (with a non-default port),
/// its Content-Type/Content-Length, every x-cos-*/x-ci-* header, and every query parameter. Adds the session-token header
/// when the credential has one. A fresh Authorization is computed on every attempt; the SignKey of one key-time window is
/// reused across requests while at least half of the window remains (two hash computations per request instead of three).
/// </summary>
internal sealed class RequestSigner
{
    private readonly ICosCredentialProvider _credentials;
    private readonly ServiceClock _clock;
    private readonly TimeSpan _validity;
    private readonly string _sessionTokenHeader;
    private CosSigningKey? _cachedKey;
    private UriHost? _lastHost;
    private LengthString? _lastLength;

    /// <summary>This thread's list of the headers being signed, reused: signing runs synchronously once the credential is known.</summary>
    [ThreadStatic]
    private static List<KeyValuePair<string, string>>? t_headers;

    internal RequestSigner(ICosCredentialProvider credentials, ServiceClock clock, TimeSpan validity, string sessionTokenHeader)
    {
        _credentials = credentials;
        _clock = clock;
        _validity = validity;
        _sessionTokenHeader = sessionTokenHeader;
    }

    /// <summary>Correction added to the local clock (server time minus local time), learnt from <c>RequestTimeTooSkewed</c> responses.</summary>
    internal TimeSpan ClockOffset
    {
        get => _clock.Offset;
        set
        {
            _clock.Offset = value;
            _cachedKey = null;
        }
    }

    /// <summary>The current time as the signer sees it (the connection's <see cref="ServiceClock"/>).</summary>
    internal DateTimeOffset Now => _clock.Now;

    /// <summary>Forgets the cached SignKey, for example after the credential was refreshed.</summary>
    internal void Invalidate() => _cachedKey = null;

    /// <summary>Signs <paramref name="request"/> and returns the credential it was signed with (for a one-time refresh after a rejection).</summary>
    internal async ValueTask<CosCredential> SignAsync(HttpRequestMessage request, string decodedPath, List<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var key = GetKey(credential);

        request.Headers.Remove(_sessionTokenHeader);
        if (!string.IsNullOrEmpty(credential.SessionToken))
        {
            request.Headers.TryAddWithoutValidation(_sessionTokenHeader, credential.SessionToken);
        }

        // From here to the end the work is synchronous on this thread, so the thread's header list can be reused.
        var headers = t_headers ??= new List<KeyValuePair<string, string>>(6);
        string authorization;
        try
        {
            CollectSignableHeaders(request, HostFor(request.RequestUri!), headers);
            authorization = CosSigner.CreateAuthorization(key, request.Method.Method, decodedPath, query, headers);
        }
        finally
        {
            headers.Clear(); // no header value outlives the signature
        }

        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return credential;
    }

    private CosSigningKey GetKey(CosCredential credential)
    {
        var now = Now;
        var cached = _cachedKey;
        if (cached is not null
            && ReferenceEquals(cached.Credential, credential)
            && now >= cached.KeyTimeStart
            && now < cached.KeyTimeStart + (_validity / 2))
        {
            return cached;
        }

        // Whole seconds: q-key-time has second resolution.
        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var key = CosSigningKey.Create(credential, start, start + _validity);
        _cachedKey = key;
        return key;
    }

    /// <summary>The headers HttpClient will send that can carry meaning for the service: Host, content headers and x-cos-*/x-ci-*; the signer applies its own allow-list.</summary>
    private void CollectSignableHeaders(HttpRequestMessage request, string uriHost, List<KeyValuePair<string, string>> headers)
    {
        headers.Add(new("Host", request.Headers.Host ?? uriHost));

        // NonValidated: the raw values as they will be sent, without parsing or allocating per header.
        foreach (var header in request.Headers.NonValidated)
        {
            if (header.Key.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase) || header.Key.StartsWith("x-ci-", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(header.Key, header.Value.Count == 1 ? header.Value.ToString() : string.Join(",", header.Value)));
            }
        }

        if (request.Content is { } content)
        {
            AddContentHeader(headers, "Content-Type", ContentTypeOf(content.Headers.ContentType));
            AddContentHeader(headers, "Content-Length", content.Headers.ContentLength is long length ? LengthText(length) : null);
            if (content.Headers.ContentMD5 is { } md5)
            {
                AddContentHeader(headers, "Content-MD5", Convert.ToBase64String(md5));
            }
        }
    }

    /// <summary>The decimal text of a Content-Length, remembered for the last length (submits of one request repeat it).</summary>
    private string LengthText(long length)
    {
        if (_lastLength is { } last && last.Length == length)
        {
            return last.Text;
        }

        var text = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _lastLength = new LengthString(length, text);
        return text;
    }

    /// <summary>The Content-Type as sent; the client's own XML type (unchanged: no parameters) without formatting it again.</summary>
    private static string? ContentTypeOf(MediaTypeHeaderValue? type) =>
        type is null ? null
        : ReferenceEquals(type, XmlBody.ContentType) && type.Parameters.Count == 0 && type.MediaType == XmlBody.MediaType ? XmlBody.MediaType
        : type.ToString();

    /// <summary>The Host of <paramref name="uri"/> (<see cref="HostOf"/>), remembered for the last URI: the pipeline reuses its URIs.</summary>
    private string HostFor(Uri uri)
    {
        if (_lastHost is { } last && ReferenceEquals(last.Uri, uri))
        {
            return last.Host;
        }

        var host = HostOf(uri);
        _lastHost = new UriHost(uri, host);
        return host;
    }

    private static void AddContentHeader(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(new(name, value));
        }
    }

    /// <summary>A Content-Length and its decimal text.</summary>
    private sealed record LengthString(long Length, string Text);

    /// <summary>A URI and its Host header value.</summary>
    private sealed record UriHost(Uri Uri, string Host);

    /// <summary>The Host header HttpClient sends for <paramref name="uri"/>: IDN host, brackets for IPv6, port when not the scheme's default.</summary>
    internal static string HostOf(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? "[" + uri.IdnHost.Trim('[', ']') + "]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
