using CosQualityEstimate.Http;

namespace CosQualityEstimate.Objects;

/// <summary>Checks <see cref="ObjectsClientOptions"/>: the shared connection rules (<see cref="CosClientOptionsValidator"/>) plus the transfer settings.</summary>
internal static class ObjectsClientOptionsValidator
{
    /// <summary>The problems with <paramref name="options"/>; empty when valid.</summary>
    /// <param name="options">The options.</param>
    internal static List<string> GetErrors(ObjectsClientOptions options)
    {
        var errors = CosClientOptionsValidator.GetErrors(options);
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

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem with <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    internal static void ThrowIfInvalid(ObjectsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CosClientOptionsValidator.ThrowIfAny(options, GetErrors(options));
    }
}
