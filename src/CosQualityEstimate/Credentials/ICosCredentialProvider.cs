using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>
/// Supplies the credential used to sign each request. Called once per attempt, so implementations can rotate or
/// refresh keys without rebuilding the client. Must be thread-safe.
/// </summary>
public interface ICosCredentialProvider
{
    /// <summary>Returns the credential to sign the next request with.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    ValueTask<CosCredential> GetCredentialAsync(CancellationToken cancellationToken = default);
}
