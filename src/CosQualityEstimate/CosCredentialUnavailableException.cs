namespace CosQualityEstimate;

/// <summary>
/// Thrown when a credential provider cannot produce a credential because its source is not configured, for example
/// because an environment variable is missing. The message names what is missing and never contains secret values.
/// </summary>
public class CosCredentialUnavailableException : CosException
{
    /// <summary>Creates an exception with a default message.</summary>
    public CosCredentialUnavailableException()
        : base("No COS credential is available.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">Describes what is missing; must not contain secret values.</param>
    public CosCredentialUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and the exception that caused it.</summary>
    /// <param name="message">Describes what is missing; must not contain secret values.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CosCredentialUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
