namespace CosQualityEstimate.LocalAnalysis;

/// <summary>
/// Validates <see cref="LocalAnalysisOptions"/> when a <see cref="LocalVideoAnalyzer"/> is created, in the clients'
/// style: every problem names the option and the rule, and all of them are reported in one
/// <see cref="ArgumentException"/> ("Invalid LocalAnalysisOptions: ..."), before any ffmpeg runs.
/// </summary>
internal static class LocalAnalysisOptionsValidator
{
    /// <summary>The problems with <paramref name="options"/>; empty when valid.</summary>
    internal static List<string> GetErrors(LocalAnalysisOptions options)
    {
        var errors = new List<string>();
        if (options.FfmpegPath is { } ffmpeg && string.IsNullOrWhiteSpace(ffmpeg))
        {
            errors.Add("FfmpegPath must not be empty or white space (null looks ffmpeg up).");
        }

        if (options.Thresholds is not { } t)
        {
            errors.Add("Thresholds must not be null.");
            return errors;
        }

        foreach (var threshold in ThresholdDeclarations.All)
        {
            if (threshold.Check(t) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem with <paramref name="options"/>.</summary>
    internal static void ThrowIfInvalid(LocalAnalysisOptions options)
    {
        var errors = GetErrors(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid " + nameof(LocalAnalysisOptions) + ": " + string.Join(" ", errors), nameof(options));
        }
    }
}
