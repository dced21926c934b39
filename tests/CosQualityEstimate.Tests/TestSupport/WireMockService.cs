using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace CosQualityEstimate.Tests.TestSupport;

/// <summary>A WireMock server on 127.0.0.1 standing in for the CI endpoint, plus a client pointed at it.</summary>
internal sealed class WireMockService : IDisposable
{
    public static readonly CosCredential Credential = new("AKIDcontractTest0123456789abcdefgh", "contractTestSecretKey0123456789ab");

    public WireMockService()
    {
        var port = LoopbackPort.GetFree();
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = new[] { $"http://127.0.0.1:{port}" } });
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public WireMockServer Server { get; }

    public Uri Endpoint { get; }

    public JobsClientOptions Options(TimeProvider? time = null, CosCredential? credential = null) => new()
    {
        Bucket = "examplebucket-1250000000",
        Region = "ap-beijing",
        Endpoint = Endpoint,
        Credential = credential ?? Credential,
        TimeProvider = time ?? TimeProvider.System,
    };

    public JobsClient CreateClient(TimeProvider? time = null, CosCredential? credential = null) => new(Options(time, credential));

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.ToList();

    public void Dispose() => Server.Stop();
}
