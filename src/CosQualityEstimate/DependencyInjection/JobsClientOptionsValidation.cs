using CosQualityEstimate.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CosQualityEstimate.DependencyInjection;

/// <summary>
/// Validates <see cref="JobsClientOptions"/> when the options are first used (at host start with <c>ValidateOnStart</c>),
/// with the same rules and messages as the <see cref="JobsClient"/> constructor, plus incomplete credential keys in configuration.
/// </summary>
internal sealed class JobsClientOptionsValidation : IValidateOptions<JobsClientOptions>
{
    private readonly IConfiguration? _section;

    /// <summary>Creates the validator; <paramref name="section"/> is the bound section, if any.</summary>
    internal JobsClientOptionsValidation(IConfiguration? section)
    {
        _section = section;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JobsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (_section is not null)
        {
            errors.AddRange(CosCredentialConfiguration.GetSectionErrors(_section));
        }

        errors.AddRange(JobsClientOptionsValidator.GetErrors(options));
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(error => "JobsClientOptions: " + error));
    }
}
