namespace CosQualityEstimate.Objects;

/// <summary>Lowercase hex (Convert.ToHexStringLower is .NET 9+).</summary>
internal static class Hex
{
    internal static string Lower(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
