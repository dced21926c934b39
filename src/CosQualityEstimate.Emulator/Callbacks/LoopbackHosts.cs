using System.Net;

namespace CosQualityEstimate.Emulator.Callbacks;

/// <summary>The only callback targets the emulator posts to: 127.0.0.0/8, ::1 and <c>localhost</c>.</summary>
internal static class LoopbackHosts
{
    internal static bool IsLoopback(Uri uri)
    {
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
