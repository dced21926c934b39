namespace CosQualityEstimate.Signing;

/// <summary>
/// Tencent Cloud API credentials used to sign COS / CI requests: a SecretId / SecretKey pair and,
/// for temporary (STS) credentials, a session token.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> never reveals <see cref="SecretKey"/> or <see cref="SessionToken"/>, and masks
/// all but the last four characters of <see cref="SecretId"/>, so instances are safe to log.
/// </remarks>
public sealed class CosCredential
{
    private const string Mask = "****";

    /// <summary>Creates a credential.</summary>
    /// <param name="secretId">The SecretId (sent in clear as <c>q-ak</c>). Must not be empty or whitespace.</param>
    /// <param name="secretKey">The SecretKey used to derive the signing key. Must not be empty or whitespace.</param>
    /// <param name="sessionToken">
    /// The session token of temporary (STS) credentials, or <see langword="null"/> for permanent keys.
    /// The signer does not add it to requests; callers send it as the <c>x-cos-security-token</c> header.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="secretId"/> or <paramref name="secretKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="secretId"/> or <paramref name="secretKey"/> is empty or whitespace.</exception>
    public CosCredential(string secretId, string secretKey, string? sessionToken = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretKey);
        SecretId = secretId;
        SecretKey = secretKey;
        SessionToken = sessionToken;
    }

    /// <summary>Gets the SecretId, sent in clear as <c>q-ak</c> in the Authorization header.</summary>
    public string SecretId { get; }

    /// <summary>Gets the SecretKey. Never logged or included in <see cref="ToString"/>.</summary>
    public string SecretKey { get; }

    /// <summary>Gets the session token of temporary credentials, or <see langword="null"/> for permanent keys.</summary>
    public string? SessionToken { get; }

    /// <summary>
    /// Returns a log-safe description, e.g. <c>CosCredential(SecretId=****abcd)</c>: only the last four characters of
    /// the SecretId are shown; the SecretKey and session token are never included.
    /// </summary>
    /// <returns>A string that does not contain any secret material.</returns>
    public override string ToString()
    {
        string id = SecretId.Length > Mask.Length ? string.Concat(Mask, SecretId.AsSpan(SecretId.Length - 4)) : Mask;
        return SessionToken is null
            ? "CosCredential(SecretId=" + id + ")"
            : "CosCredential(SecretId=" + id + ", SessionToken=" + Mask + ")";
    }
}
