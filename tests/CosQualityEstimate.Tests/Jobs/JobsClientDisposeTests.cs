using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>A client disposes what it created and nothing it was given.</summary>
public sealed class JobsClientDisposeTests
{
    private static JobsClientOptions Options() => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = new Uri("http://127.0.0.1:9/"),
        Credential = new CosCredential("id", "key"),
    };

    [Fact]
    public async Task Dispose_HttpClientPassedIn_IsNotDisposed()
    {
        var handler = new TrackingHandler();
        using var httpClient = new HttpClient(handler);
        var client = new JobsClient(httpClient, Options());

        client.Dispose();

        Assert.False(handler.Disposed);
        using var response = await httpClient.GetAsync(new Uri("http://127.0.0.1:9/still-usable"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetJobAsync("j1"));
    }

    [Fact]
    public async Task Dispose_OwnHttpClient_IsDisposedAndLaterCallsThrowObjectDisposed()
    {
        var client = new JobsClient(Options());
        var core = typeof(JobsClient).GetField("_core", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        var httpClient = Assert.IsType<CosQualityEstimate.Http.CosClientCore>(core.GetValue(client)).HttpClient;

        client.Dispose();
        client.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => httpClient.CancelPendingRequests());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetJobAsync("j1"));
    }

    private sealed class TrackingHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
