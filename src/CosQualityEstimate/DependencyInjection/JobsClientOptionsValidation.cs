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
    private readonly string _optionsName;

    /// <summary>Creates the validator; <paramref name="section"/> is the bound section, if any.</summary>
    /// <param name="section">The bound configuration section, if any.</param>
    /// <param name="optionsName">The options name this validator checks: <see cref="Options.DefaultName"/> for the unkeyed client, the key of a keyed one.</param>
    internal JobsClientOptionsValidation(IConfiguration? section, string? optionsName = null)
    {
        _section = section;
        _optionsName = optionsName ?? Options.DefaultName;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JobsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name ?? Options.DefaultName, _optionsName, StringComparison.Ordinal))
        {
            // Each registration validates its own options: a keyed client's section must not judge another client's.
            return ValidateOptionsResult.Skip;
        }

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
