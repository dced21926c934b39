using CosQualityEstimate.Http;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Checks <see cref="JobsClientOptions"/> before anything is created: the shared connection rules
/// (<see cref="CosClientOptionsValidator"/>), then what only the jobs client has — the upload key prefix, the object
/// endpoint and the options <see cref="JobsClientOptions.ConfigureObjects"/> produces for <see cref="JobsClient.Objects"/>.
/// The constructor and dependency injection's <c>ValidateOnStart</c> run the same checks.
/// </summary>
internal static class JobsClientOptionsValidator
{
    /// <summary>Returns the problems with <paramref name="options"/>; empty when valid.</summary>
    /// <param name="options">The options.</param>
    internal static List<string> GetErrors(JobsClientOptions options)
    {
        var errors = CosClientOptionsValidator.GetErrors(options);
        if (options.UploadKeyPrefix is null)
        {
            errors.Add("UploadKeyPrefix must not be null (it may be empty).");
        }
        else
        {
            try
            {
                ObjectKeyValidator.ValidatePrefix(options.UploadKeyPrefix, nameof(options.UploadKeyPrefix));
            }
            catch (ArgumentException ex)
            {
                errors.Add("UploadKeyPrefix \"" + options.UploadKeyPrefix + "\" is not a valid key prefix: " + FirstSentence(ex.Message));
            }
        }

        CosClientOptionsValidator.AddEndpointError(errors, "ObjectsEndpoint", options.ObjectsEndpoint);
        if (errors.Count > 0)
        {
            return errors; // the object options are derived from these: judge them only once these are sound
        }

        ObjectsClientOptions objects;
        try
        {
            objects = options.CreateObjectsOptions();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            errors.Add("ConfigureObjects threw " + ex.GetType().Name + ": " + ex.Message);
            return errors;
        }

        if (!options.SharesConnectionWith(objects))
        {
            errors.Add("ConfigureObjects may change the object client's endpoint, retries and transfer settings only: JobsClient.Objects shares this client's bucket, region, credential, signer, clock and logging.");
        }

        errors.AddRange(ObjectsClientOptionsValidator.GetErrors(objects).Select(error => "ConfigureObjects: " + error));
        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem with <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    internal static void ThrowIfInvalid(JobsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CosClientOptionsValidator.ThrowIfAny(options, GetErrors(options));
    }

    /// <summary>An <see cref="ArgumentException"/> message without the " (Parameter '…')" suffix.</summary>
    private static string FirstSentence(string message)
    {
        var index = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
