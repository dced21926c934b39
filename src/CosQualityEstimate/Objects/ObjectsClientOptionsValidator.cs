namespace CosQualityEstimate.Objects;

/// <summary>Checks <see cref="ObjectsClientOptions"/> before any request; failures name the option and the rule.</summary>
internal static class ObjectsClientOptionsValidator
{
    internal static void ThrowIfInvalid(ObjectsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket) || !IsBucket(options.Bucket))
        {
            errors.Add("Bucket is required, as BucketName-APPID (for example \"examplebucket-1250000000\").");
        }

        if (string.IsNullOrWhiteSpace(options.Region) || !options.Region.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add("Region is required and contains only lowercase letters, digits and '-' (for example \"ap-beijing\").");
        }

        if (options.Credential is null && options.CredentialProvider is null)
        {
            errors.Add("Credential or CredentialProvider is required.");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add("Endpoint must be an absolute http or https URI.");
        }

        if (options.SignatureValidity < TimeSpan.FromMinutes(1) || options.SignatureValidity > TimeSpan.FromHours(24))
        {
            errors.Add("SignatureValidity must be between 1 minute and 24 hours.");
        }

        if (string.IsNullOrWhiteSpace(options.SessionTokenHeaderName)
            || !(options.SessionTokenHeaderName.StartsWith("x-cos-", StringComparison.OrdinalIgnoreCase) || options.SessionTokenHeaderName.StartsWith("x-ci-", StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("SessionTokenHeaderName must be an x-cos-* or x-ci-* header.");
        }

        if (options.TimeProvider is null)
        {
            errors.Add("TimeProvider must not be null.");
        }

        if (options.Retry is null)
        {
            errors.Add("Retry must not be null.");
        }
        else
        {
            if (options.Retry.MaxRetries is < 0 or > 10)
            {
                errors.Add("Retry.MaxRetries must be between 0 and 10.");
            }

            if (options.Retry.Delay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.Delay)
            {
                errors.Add("Retry.Delay must be positive and Retry.MaxDelay at least Retry.Delay.");
            }

            if (options.Retry.AttemptTimeout != Timeout.InfiniteTimeSpan && (options.Retry.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.Retry.AttemptTimeout > TimeSpan.FromHours(24)))
            {
                errors.Add("Retry.AttemptTimeout must be between 10 ms and 24 hours, or Timeout.InfiniteTimeSpan.");
            }
        }

        if (options.MultipartThreshold < PartPlan.MinPartSize || options.MultipartThreshold > PartPlan.MaxPartSize)
        {
            errors.Add("MultipartThreshold must be between 1 MB and 5 GB.");
        }

        if (options.PartSize < PartPlan.MinPartSize || options.PartSize > PartPlan.MaxPartSize)
        {
            errors.Add("PartSize must be between 1 MB and 5 GB.");
        }

        if (options.MaxConcurrency is < 1 or > 64)
        {
            errors.Add("MaxConcurrency must be between 1 and 64.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ObjectsClientOptions: " + string.Join(" ", errors), nameof(options));
        }
    }

    private static bool IsBucket(string bucket)
    {
        var dash = bucket.LastIndexOf('-');
        return dash > 0 && dash < bucket.Length - 1
            && bucket[(dash + 1)..].All(char.IsAsciiDigit)
            && bucket[..dash].All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
    }
}
