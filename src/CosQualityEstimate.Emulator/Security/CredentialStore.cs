using System.Collections.Concurrent;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Emulator.Security;

/// <summary>The accepted credentials by SecretId, and the ids revoked so far. Thread-safe.</summary>
internal sealed class CredentialStore
{
    private readonly ConcurrentDictionary<string, CredentialEntry> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    internal void Add(CosCredential credential, DateTimeOffset? expiresAt)
    {
        _revoked.TryRemove(credential.SecretId, out _);
        _active[credential.SecretId] = new CredentialEntry(credential, expiresAt);
    }

    internal void Revoke(string secretId)
    {
        if (_active.TryRemove(secretId, out _))
        {
            _revoked[secretId] = 0;
        }
    }

    internal bool IsRevoked(string secretId) => _revoked.ContainsKey(secretId);

    internal CredentialEntry? Find(string secretId) => _active.TryGetValue(secretId, out var entry) ? entry : null;
}
