using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>
/// A credential provider that can fetch a new credential when the service rejects the current one
/// (ExpiredToken, InvalidAccessKeyId, SignatureDoesNotMatch, InvalidToken). The client calls <see cref="RefreshAsync"/>
/// once per call and then resends once; a second rejection surfaces as a <see cref="CosServiceException"/>.
/// </summary>
public interface IRefreshableCosCredentialProvider : ICosCredentialProvider
{
    /// <summary>
    /// Returns a fresh credential. If <paramref name="rejected"/> is no longer the current credential (another caller
    /// already refreshed), returns the current one without fetching again.
    /// </summary>
    /// <param name="rejected">The credential the service rejected.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    ValueTask<CosCredential> RefreshAsync(CosCredential rejected, CancellationToken cancellationToken = default);
}
