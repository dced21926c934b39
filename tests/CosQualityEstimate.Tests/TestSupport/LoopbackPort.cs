using System.Net;
using System.Net.Sockets;

namespace CosQualityEstimate.Tests.TestSupport;

internal static class LoopbackPort
{
    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
