using CosQualityEstimate.Credentials;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Configuration;

namespace CosQualityEstimate.DependencyInjection;

/// <summary>Fills <see cref="CosQualityEstimate.Http.CosClientOptions.Credential"/> from a configuration section or the environment.</summary>
internal static class CosCredentialConfiguration
{
    /// <summary>Configuration key of the SecretId.</summary>
    internal const string SecretIdKey = "SecretId";

    /// <summary>Configuration key of the SecretKey.</summary>
    internal const string SecretKeyKey = "SecretKey";

    /// <summary>Configuration key of the optional session token.</summary>
    internal const string SessionTokenKey = "SessionToken";

    /// <summary>Sets <see cref="CosQualityEstimate.Http.CosClientOptions.Credential"/> from <c>SecretId</c>/<c>SecretKey</c>/<c>SessionToken</c> when both keys are set and no credential is.</summary>
    internal static void ApplySection(JobsClientOptions options, IConfiguration section)
    {
        if (options.Credential is not null || options.CredentialProvider is not null)
        {
            return;
        }

        var secretId = section[SecretIdKey];
        var secretKey = section[SecretKeyKey];
        if (!string.IsNullOrWhiteSpace(secretId) && !string.IsNullOrWhiteSpace(secretKey))
        {
            var token = section[SessionTokenKey];
            options.Credential = new CosCredential(secretId, secretKey, string.IsNullOrEmpty(token) ? null : token);
        }
    }

    /// <summary>Uses <see cref="EnvironmentCosCredentialProvider"/> when no credential is set and <c>COS_SECRET_ID</c> is.</summary>
    internal static void ApplyEnvironmentFallback(JobsClientOptions options, Func<string, string?> readVariable)
    {
        if (options.Credential is null && options.CredentialProvider is null
            && !string.IsNullOrWhiteSpace(readVariable(EnvironmentCosCredentialProvider.SecretIdVariableName)))
        {
            options.CredentialProvider = new EnvironmentCosCredentialProvider(readVariable);
        }
    }

    /// <summary>Problems with the credential keys of <paramref name="section"/>: one of SecretId/SecretKey without the other. Never includes values.</summary>
    internal static IEnumerable<string> GetSectionErrors(IConfiguration section)
    {
        var hasId = !string.IsNullOrWhiteSpace(section[SecretIdKey]);
        var hasKey = !string.IsNullOrWhiteSpace(section[SecretKeyKey]);
        var path = section is IConfigurationSection named ? named.Path + ":" : string.Empty;
        if (hasId && !hasKey)
        {
            yield return $"SecretKey is required when SecretId is configured (configuration key \"{path}{SecretKeyKey}\").";
        }
        else if (hasKey && !hasId)
        {
            yield return $"SecretId is required when SecretKey is configured (configuration key \"{path}{SecretIdKey}\").";
        }
        else if (!hasId && !string.IsNullOrWhiteSpace(section[SessionTokenKey]))
        {
            yield return $"SessionToken is configured without SecretId and SecretKey (configuration keys \"{path}{SecretIdKey}\", \"{path}{SecretKeyKey}\").";
        }
    }
}
