using System.Net;
using CosQualityEstimate.Http;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Objects;

/// <summary><see cref="ObjectsClient"/> is <see cref="IDisposable"/> and disposes only what it created.</summary>
public sealed class ObjectsClientDisposeTests
{
    private static ObjectsClientOptions Options() => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = new Uri("http://127.0.0.1:9/"),
        Credential = new CosCredential("id", "key"),
    };

    private static HttpResponseMessage NoContent(HttpRequestMessage request, int call) => new(HttpStatusCode.NoContent);

    [Fact]
    public async Task Dispose_OwnHttpClient_IsDisposedAndLaterCallsThrowObjectDisposed()
    {
        IDisposable disposable = new ObjectsClient(Options());
        var client = (ObjectsClient)disposable;
        var core = typeof(ObjectsClient).GetField("_ownedCore", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        var httpClient = Assert.IsType<CosClientCore>(core.GetValue(client)).HttpClient;

        disposable.Dispose();
        disposable.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => httpClient.CancelPendingRequests());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.DeleteObjectAsync("a.mp4"));
    }

    [Fact]
    public async Task Dispose_HttpClientPassedIn_StaysUsable()
    {
        using var httpClient = new HttpClient(new ScriptedHandler(NoContent));
        var client = new ObjectsClient(httpClient, Options());

        client.Dispose();

        using var response = await httpClient.GetAsync(new Uri("http://127.0.0.1:9/still-usable"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.DeleteObjectAsync("a.mp4"));
    }

    [Fact]
    public async Task Dispose_ObjectsOfAJobsClient_DoesNothingUntilTheJobsClientIsDisposed()
    {
        var handler = new ScriptedHandler(NoContent);
        var jobs = new JobsClient(new HttpClient(handler), new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("id", "key"),
        });

        jobs.Objects.Dispose();
        await jobs.Objects.DeleteObjectAsync("a.mp4"); // still works: the JobsClient owns it
        jobs.Dispose();

        Assert.Single(handler.Requests);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => jobs.GetJobAsync("j1"));
    }
}
