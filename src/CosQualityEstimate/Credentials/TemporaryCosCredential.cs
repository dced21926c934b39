using System.Globalization;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>A temporary (STS) credential and the time it expires: what a credential fetch for <see cref="RefreshingCosCredentialProvider"/> returns.</summary>
/// <remarks><see cref="ToString"/> masks secrets like <see cref="CosCredential.ToString"/>, so instances are safe to log.</remarks>
public sealed class TemporaryCosCredential
{
    /// <summary>Creates a temporary credential.</summary>
    /// <param name="credential">The credential, normally with a session token.</param>
    /// <param name="expiresAt">When the service stops accepting <paramref name="credential"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credential"/> is <see langword="null"/>.</exception>
    public TemporaryCosCredential(CosCredential credential, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Credential = credential;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the credential.</summary>
    public CosCredential Credential { get; }

    /// <summary>Gets when the service stops accepting <see cref="Credential"/>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Returns a log-safe description with the masked credential and the expiry time.</summary>
    /// <returns>A string that does not contain any secret material.</returns>
    public override string ToString() =>
        "TemporaryCosCredential(" + Credential + ", ExpiresAt=" + ExpiresAt.ToString("O", CultureInfo.InvariantCulture) + ")";
}
