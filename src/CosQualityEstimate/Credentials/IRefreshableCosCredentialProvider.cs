using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>
/// A credential provider that can replace a credential the service rejected. When a request fails with
/// <c>ExpiredToken</c>, <c>TokenExpired</c>, <c>InvalidAccessKeyId</c>, <c>SignatureDoesNotMatch</c> or <c>InvalidToken</c>, the caller (the
/// client's retry logic) calls <see cref="RefreshAsync"/> once with the credential that request was signed with and retries
/// with the result.
/// Must be thread-safe.
/// </summary>
public interface IRefreshableCosCredentialProvider : ICosCredentialProvider
{
    /// <summary>
    /// Returns a credential to use instead of <paramref name="rejected"/>. If <paramref name="rejected"/> is no longer the
    /// provider's current credential (another caller already refreshed it), returns the current credential without fetching;
    /// otherwise fetches a new one. Concurrent calls for the same rejected credential share one fetch.
    /// </summary>
    /// <param name="rejected">The credential the service rejected.</param>
    /// <param name="cancellationToken">Cancels this caller's wait; does not cancel a fetch that other callers share.</param>
    /// <returns>A credential other than <paramref name="rejected"/>, unless the credential source returns the same one again.</returns>
    ValueTask<CosCredential> RefreshAsync(CosCredential rejected, CancellationToken cancellationToken = default);
}
