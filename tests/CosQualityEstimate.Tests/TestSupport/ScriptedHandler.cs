using System.Net;

namespace CosQualityEstimate.Tests.TestSupport;

/// <summary>
/// An in-memory HTTP handler that answers each request with <c>respond(request, index)</c>, where index counts the
/// requests so far, and records "METHOD /path?query" of each request. No socket is opened.
/// </summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly List<string> _requests = new();

    /// <summary>"METHOD /path?query" of every request, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The Authorization header of every request, in order.</summary>
    public List<string> Authorizations { get; } = new();

    public static HttpResponseMessage Xml(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.ReadAsByteArrayAsync(cancellationToken); // consume the body, as a server would
        }

        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(request.Method.Method + " " + request.RequestUri!.PathAndQuery);
            Authorizations.Add(request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : string.Empty);
        }

        return respond(request, index);
    }
}
