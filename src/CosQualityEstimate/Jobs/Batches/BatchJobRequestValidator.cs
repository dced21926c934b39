using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Checks a <see cref="QualityEstimateBatchRequest"/> before anything is sent (typed <see cref="ArgumentException"/>s
/// naming the field): its name, input and upload-time window here; what it shares with a single submit (UserData,
/// JobLevel, callbacks, QueueId, Rotate/Mode) in <see cref="OperationSettingsValidator"/>, the one rule set for both.
/// </summary>
internal static class BatchJobRequestValidator
{
    /// <summary>Longest batch name the client accepts.</summary>
    internal const int MaxNameLength = 128;

    internal static void Validate(QualityEstimateBatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateName(request.Name, "request.Name");
        if (request.Input is null)
        {
            throw new ArgumentException("Input is required: one of Prefix, Manifest, UrlFile or ObjectKey.", "request.Input");
        }

        var input = request.Input;
        var given = (input.Prefix is null ? 0 : 1) + (input.Manifest is null ? 0 : 1) + (input.UrlFile is null ? 0 : 1) + (input.ObjectKey is null ? 0 : 1);
        if (given != 1)
        {
            throw new ArgumentException($"Input must have exactly one of Prefix, Manifest, UrlFile or ObjectKey; it has {given}.", "request.Input");
        }

        CheckKey(input.Manifest, "request.Input.Manifest");
        CheckKey(input.UrlFile, "request.Input.UrlFile");
        CheckKey(input.ObjectKey, "request.Input.ObjectKey");
        if (input.Prefix is { Length: > 0 } prefix && ObjectKeyValidator.GetProblem(prefix) is { } prefixProblem)
        {
            throw new ArgumentException("Input.Prefix: " + prefixProblem, "request.Input.Prefix");
        }

        if (request.UploadedAfter is { } from && request.UploadedBefore is { } to && to < from)
        {
            throw new ArgumentException("UploadedBefore must not be before UploadedAfter.", "request.UploadedBefore");
        }

        // What a batch shares with a single submit: the one rule set for both.
        OperationSettingsValidator.Validate(OperationSettings.Of(request), "request.UnconfirmedQualityEstimateConfig.");
    }

    /// <summary>1–128 letters, digits, '-' or '_'; throws <see cref="ArgumentException"/> naming <paramref name="paramName"/>.</summary>
    internal static void ValidateName(string? name, string paramName)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !IsName(name))
        {
            throw new ArgumentException($"Name must be 1 to {MaxNameLength} letters, digits, '-' or '_'.", paramName);
        }
    }

    private static void CheckKey(string? key, string paramName)
    {
        if (key is not null && ObjectKeyValidator.GetProblem(key) is { } problem)
        {
            throw new ArgumentException(paramName["request.".Length..] + ": " + problem, paramName);
        }
    }

    private static bool IsName(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
