namespace CosQualityEstimate.Jobs;

/// <summary>Checks <see cref="JobsClientOptions"/> before any request; failures name the option and the rule.</summary>
internal static class JobsClientOptionsValidator
{
    /// <summary>Returns the problems with <paramref name="options"/>; empty when valid.</summary>
    internal static List<string> GetErrors(JobsClientOptions options)
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

        if (options.Endpoint is { } endpoint
            && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("Endpoint must be an absolute http or https URI.");
        }

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

        if (options.Retry is null)
        {
            errors.Add("Retry must not be null.");
        }
        else
        {
            errors.AddRange(options.Retry.GetErrors());
        }

        if (options.TimeProvider is null)
        {
            errors.Add("TimeProvider must not be null.");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem with <paramref name="options"/>.</summary>
    internal static void ThrowIfInvalid(JobsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = GetErrors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid JobsClientOptions: " + string.Join(" ", errors), nameof(options));
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
