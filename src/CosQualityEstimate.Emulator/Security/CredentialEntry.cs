using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Emulator.Security;

/// <summary>A credential the emulator accepts, with an optional expiry.</summary>
internal sealed record CredentialEntry(CosCredential Credential, DateTimeOffset? ExpiresAt);
