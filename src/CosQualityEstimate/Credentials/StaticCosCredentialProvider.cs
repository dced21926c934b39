using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>Always returns the same credential: permanent keys.</summary>
public sealed class StaticCosCredentialProvider : ICosCredentialProvider
{
    private readonly ValueTask<CosCredential> _credential;

    /// <summary>Creates a provider for <paramref name="credential"/>.</summary>
    /// <param name="credential">The credential to return.</param>
    public StaticCosCredentialProvider(CosCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Credential = credential;
        _credential = new ValueTask<CosCredential>(credential);
    }

    /// <summary>The credential this provider returns.</summary>
    public CosCredential Credential { get; }

    /// <inheritdoc />
    public ValueTask<CosCredential> GetCredentialAsync(CancellationToken cancellationToken = default) => _credential;
}
