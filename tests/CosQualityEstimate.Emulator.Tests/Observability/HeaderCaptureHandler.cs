using System.Collections.Concurrent;

namespace CosQualityEstimate.Emulator.Tests.Observability;

/// <summary>Records the Authorization and session-token header values the client actually sent.</summary>
internal sealed class HeaderCaptureHandler : DelegatingHandler
{
    internal HeaderCaptureHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    internal ConcurrentQueue<string> Sent { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Authorization", "x-cos-security-token", "x-ci-security-token" })
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    Sent.Enqueue(value);
                }
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
