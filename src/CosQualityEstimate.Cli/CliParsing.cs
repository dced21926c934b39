using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli;

/// <summary>Option factories and value parsers shared by the commands.</summary>
internal static class CliParsing
{
    public static Option<string> ModeOption(string defaultValue = "vqaPlus")
    {
        var option = new Option<string>("--mode") { Description = "Estimation mode: general (score only) or vqaPlus (score and findings).", DefaultValueFactory = _ => defaultValue, HelpName = "general|vqaPlus" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (ParseMode(value) is null)
            {
                result.AddError($"invalid --mode \"{value}\": use general or vqaPlus.");
            }
        });
        return option;
    }

    public static QualityEstimateMode? ParseMode(string? value) => value?.ToUpperInvariant() switch
    {
        "GENERAL" => QualityEstimateMode.General,
        "VQAPLUS" => QualityEstimateMode.VqaPlus,
        _ => null,
    };

    public static Option<int?> ChoiceOption(string name, string description, params int[] allowed)
    {
        var option = new Option<int?>(name)
        {
            Description = description,
            HelpName = string.Join('|', allowed),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && allowed.Contains(value))
                {
                    return value;
                }

                result.AddError($"invalid {name} \"{text}\": use one of {string.Join(", ", allowed)}.");
                return null;
            },
        };
        return option;
    }

    public static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue)
    {
        return new Option<TimeSpan>(name)
        {
            Description = description,
            HelpName = "duration",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (TryParseDuration(text, out var value))
                {
                    return value;
                }

                result.AddError($"invalid {name} \"{text}\": use a duration such as 500ms, 5s, 10m or 2h.");
                return defaultValue;
            },
        };
    }

    public static Option<DateTimeOffset?> TimeOption(string name, string description, TimeProvider time)
    {
        return new Option<DateTimeOffset?>(name)
        {
            Description = description + " An ISO 8601 time (2026-01-31T08:00:00Z) or an age such as 24h or 7d.",
            HelpName = "time",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (TryParseDuration(text, out var age))
                {
                    return time.GetUtcNow() - age;
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                {
                    return value;
                }

                result.AddError($"invalid {name} \"{text}\": use an ISO 8601 time or an age such as 24h.");
                return null;
            },
        };
    }

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && !(suffix == "s" && text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && number >= 0 && number * seconds < TimeSpan.MaxValue.TotalSeconds / 2)
            {
                value = TimeSpan.FromSeconds(number * seconds);
                return true;
            }
        }

        return false;
    }

    /// <summary>Job ids are letters, digits, '-' and '_' (they go into a URL path).</summary>
    public static Argument<string[]> JobIdsArgument()
    {
        var argument = new Argument<string[]>("jobId") { Description = "One or more job ids.", Arity = ArgumentArity.OneOrMore };
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!IsJobId(token.Value))
                {
                    result.AddError($"malformed job id \"{Output.JobText.Sanitize(token.Value)}\": job ids are letters, digits, '-' and '_' (for example j229ed9e2f60c11ec8525e36307395bf9).");
                    return;
                }
            }
        });
        return argument;
    }

    public static bool IsJobId(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Parses repeated <c>k=v</c> values.</summary>
    public static List<KeyValuePair<string, string>> ParsePairs(string[]? values, string optionName)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var value in values ?? [])
        {
            var index = value.IndexOf('=', StringComparison.Ordinal);
            if (index <= 0)
            {
                throw new CliUsageException($"invalid {optionName} \"{value}\": use name=value.");
            }

            pairs.Add(new(value[..index], value[(index + 1)..]));
        }

        return pairs;
    }

    public static List<JobState> ParseStates(string[]? values)
    {
        var states = new List<JobState>();
        foreach (var value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var name = value.ToUpperInvariant() switch
            {
                "CANCEL" or "CANCELED" or "CANCELLED" => "Canceled",
                "PAUSE" or "PAUSED" => "Paused",
                _ => value,
            };
            if (!Enum.TryParse<JobState>(name, ignoreCase: true, out var state) && !Enum.TryParse(name + "ed", ignoreCase: true, out state))
            {
                throw new CliUsageException($"invalid --state \"{value}\": use Submitted, Running, Success, Failed, Paused or Canceled.");
            }

            if (state == JobState.Unknown || int.TryParse(value, out _))
            {
                throw new CliUsageException($"invalid --state \"{value}\": use Submitted, Running, Success, Failed, Paused or Canceled.");
            }

            states.Add(state);
        }

        return states;
    }
}
