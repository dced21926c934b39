namespace CosQualityEstimate.Credentials;

/// <summary>A fetched temporary credential and the time <see cref="RefreshingCosCredentialProvider"/> starts replacing it.</summary>
internal sealed class CachedTemporaryCredential
{
    internal CachedTemporaryCredential(TemporaryCosCredential value, DateTimeOffset refreshAt)
    {
        Value = value;
        RefreshAt = refreshAt;
    }

    internal TemporaryCosCredential Value { get; }

    internal DateTimeOffset RefreshAt { get; }
}
