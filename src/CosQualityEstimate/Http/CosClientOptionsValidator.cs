namespace CosQualityEstimate.Http;

/// <summary>
/// The one validator of the connection settings both clients share (<see cref="CosClientOptions"/>, with their retry
/// settings); each failure names the option and the rule. The clients add their own checks after these and throw
/// before any <see cref="HttpClient"/> is created.
/// </summary>
internal static class CosClientOptionsValidator
{
    /// <summary>The problems with <paramref name="options"/>' shared settings; empty when valid.</summary>
    /// <param name="options">The options.</param>
    internal static List<string> GetErrors(CosClientOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            errors.Add("Bucket is required, as BucketName-APPID (for example \"examplebucket-1250000000\").");
        }
        else if (!IsBucketWithAppId(options.Bucket))
        {
            errors.Add($"Bucket \"{options.Bucket}\" must be BucketName-APPID: lowercase letters, digits and '-', ending in '-' and the numeric APPID (for example \"examplebucket-1250000000\").");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            errors.Add("Region is required (for example \"ap-beijing\").");
        }
        else if (!IsRegion(options.Region))
        {
            errors.Add($"Region \"{options.Region}\" must contain only lowercase letters, digits and '-' (for example \"ap-beijing\").");
        }

        if (options.Credential is null && options.CredentialProvider is null)
        {
            errors.Add("Credential or CredentialProvider is required (SecretId and SecretKey from the CAM console).");
        }

        AddEndpointError(errors, "Endpoint", options.Endpoint);
        if (options.SignatureValidity < TimeSpan.FromMinutes(1) || options.SignatureValidity > TimeSpan.FromHours(24))
        {
            errors.Add("SignatureValidity must be between 1 minute and 24 hours.");
        }

        if (string.IsNullOrWhiteSpace(options.SessionTokenHeaderName)
            || !(options.SessionTokenHeaderName.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase)
                 || options.SessionTokenHeaderName.StartsWith("x-ci-", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("SessionTokenHeaderName must be an x-cos-* or x-ci-* header (for example \"x-cos-security-token\").");
        }

        if (options.RetrySettings is not { } retry)
        {
            errors.Add("Retry must not be null.");
        }
        else
        {
            errors.AddRange(retry.GetErrors());
        }

        if (options.TimeProvider is null)
        {
            errors.Add("TimeProvider must not be null.");
        }

        return errors;
    }

    /// <summary>Adds "<paramref name="name"/> must be an absolute http or https URI." when <paramref name="endpoint"/> is set and is not.</summary>
    /// <param name="errors">The list to add to.</param>
    /// <param name="name">The option's name.</param>
    /// <param name="endpoint">The endpoint, or <see langword="null"/> for the default.</param>
    internal static void AddEndpointError(List<string> errors, string name, Uri? endpoint)
    {
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add(name + " must be an absolute http or https URI.");
        }
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, prefixed with the options type's name.</summary>
    /// <param name="options">The options (named in the message).</param>
    /// <param name="errors">The problems found.</param>
    internal static void ThrowIfAny(CosClientOptions options, List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid " + options.GetType().Name + ": " + string.Join(" ", errors), nameof(options));
        }
    }

    private static bool IsBucketWithAppId(string bucket)
    {
        var dash = bucket.LastIndexOf('-');
        if (dash <= 0 || dash == bucket.Length - 1)
        {
            return false;
        }

        for (var i = 0; i < bucket.Length; i++)
        {
            var c = bucket[i];
            var ok = i > dash ? char.IsAsciiDigit(c) : (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRegion(string region)
    {
        foreach (var c in region)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
