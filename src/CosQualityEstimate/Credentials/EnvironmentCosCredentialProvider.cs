using System.Diagnostics.CodeAnalysis;
using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>
/// Reads the credential from the <see cref="SecretIdVariableName"/>, <see cref="SecretKeyVariableName"/> and optional
/// <see cref="SessionTokenVariableName"/> environment variables on every call, so changed values take effect without
/// rebuilding the client. While the values are unchanged the same <see cref="CosCredential"/> instance is returned, which
/// lets the client reuse its derived signing key.
/// </summary>
public sealed class EnvironmentCosCredentialProvider : ICosCredentialProvider
{
    /// <summary>Name of the environment variable that holds the SecretId: <c>COS_SECRET_ID</c>.</summary>
    public const string SecretIdVariableName = "COS_SECRET_ID";

    /// <summary>Name of the environment variable that holds the SecretKey: <c>COS_SECRET_KEY</c>.</summary>
    public const string SecretKeyVariableName = "COS_SECRET_KEY";

    /// <summary>Name of the optional environment variable that holds a temporary credential's session token: <c>COS_SESSION_TOKEN</c>.</summary>
    public const string SessionTokenVariableName = "COS_SESSION_TOKEN";

    private readonly Func<string, string?> _readVariable;
    private CosCredential? _current;

    /// <summary>Creates a provider that reads the process environment.</summary>
    public EnvironmentCosCredentialProvider()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a provider that reads variables through <paramref name="readVariable"/>, for example from configuration or a test dictionary.</summary>
    /// <param name="readVariable">Returns the value of the named variable, or <see langword="null"/> when it is not set. Must be thread-safe.</param>
    /// <exception cref="ArgumentNullException"><paramref name="readVariable"/> is <see langword="null"/>.</exception>
    public EnvironmentCosCredentialProvider(Func<string, string?> readVariable)
    {
        ArgumentNullException.ThrowIfNull(readVariable);
        _readVariable = readVariable;
    }

    /// <summary>
    /// Returns whether <see cref="SecretIdVariableName"/> and <see cref="SecretKeyVariableName"/> are both set to non-blank values
    /// in the process environment, for example so a sample can explain what to set instead of failing.
    /// </summary>
    /// <returns><see langword="true"/> when a credential can be read from the environment.</returns>
    public static bool IsConfigured() => IsConfigured(Environment.GetEnvironmentVariable);

    /// <summary>Creates a provider for the process environment when <see cref="IsConfigured()"/> is <see langword="true"/>.</summary>
    /// <param name="provider">The provider, or <see langword="null"/> when the variables are not set.</param>
    /// <returns><see langword="true"/> when <paramref name="provider"/> was created.</returns>
    public static bool TryCreate([NotNullWhen(true)] out EnvironmentCosCredentialProvider? provider)
    {
        provider = IsConfigured() ? new EnvironmentCosCredentialProvider() : null;
        return provider is not null;
    }

    internal static bool IsConfigured(Func<string, string?> readVariable) =>
        !string.IsNullOrWhiteSpace(readVariable(SecretIdVariableName)) && !string.IsNullOrWhiteSpace(readVariable(SecretKeyVariableName));

    /// <inheritdoc />
    /// <exception cref="CosCredentialUnavailableException">
    /// <see cref="SecretIdVariableName"/> or <see cref="SecretKeyVariableName"/> is not set or blank. The message names the
    /// missing variables and contains no values.
    /// </exception>
    public ValueTask<CosCredential> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<CosCredential>(GetCredential());
    }

    private CosCredential GetCredential()
    {
        string? secretId = _readVariable(SecretIdVariableName);
        string? secretKey = _readVariable(SecretKeyVariableName);
        string? sessionToken = _readVariable(SessionTokenVariableName);
        bool idMissing = string.IsNullOrWhiteSpace(secretId);
        bool keyMissing = string.IsNullOrWhiteSpace(secretKey);
        if (idMissing || keyMissing)
        {
            string missing = idMissing && keyMissing
                ? SecretIdVariableName + " and " + SecretKeyVariableName + " are"
                : (idMissing ? SecretIdVariableName : SecretKeyVariableName) + " is";
            throw new CosCredentialUnavailableException(
                "Cannot read the COS credential from the environment: " + missing + " not set or blank.");
        }

        if (string.IsNullOrEmpty(sessionToken))
        {
            sessionToken = null;
        }

        var current = Volatile.Read(ref _current);
        if (Matches(current, secretId!, secretKey!, sessionToken))
        {
            return current!;
        }

        var created = new CosCredential(secretId!, secretKey!, sessionToken);
        var winner = Interlocked.CompareExchange(ref _current, created, current);

        // Another caller stored a credential first: share its instance when it carries the same values.
        return ReferenceEquals(winner, current) || !Matches(winner, secretId!, secretKey!, sessionToken) ? created : winner!;
    }

    private static bool Matches(CosCredential? credential, string secretId, string secretKey, string? sessionToken) =>
        credential is not null
        && string.Equals(credential.SecretId, secretId, StringComparison.Ordinal)
        && string.Equals(credential.SecretKey, secretKey, StringComparison.Ordinal)
        && string.Equals(credential.SessionToken, sessionToken, StringComparison.Ordinal);
}
