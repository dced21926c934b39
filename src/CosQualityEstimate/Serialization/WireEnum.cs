using CosQualityEstimate.Models;

namespace CosQualityEstimate.Serialization;

/// <summary>Wire strings ↔ public enums. Unknown strings map to the Unknown/null value; the caller keeps the raw text.</summary>
internal static class WireEnum
{
    internal static JobState ParseState(string? text) => text?.Trim() switch
    {
        "Submitted" => JobState.Submitted,
        "Running" => JobState.Running,
        "Success" => JobState.Success,
        "Failed" => JobState.Failed,
        "Pause" => JobState.Paused,
        "Cancel" => JobState.Canceled,
        _ => JobState.Unknown,
    };

    internal static string ToWire(JobState state) => state switch
    {
        JobState.Submitted => "Submitted",
        JobState.Running => "Running",
        JobState.Success => "Success",
        JobState.Failed => "Failed",
        JobState.Paused => "Pause",
        JobState.Canceled => "Cancel",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown is not a state the service accepts."),
    };

    internal static QualityEstimateMode? ParseMode(string? text)
    {
        var value = text?.Trim();
        if (string.Equals(value, "general", StringComparison.OrdinalIgnoreCase))
        {
            return QualityEstimateMode.General;
        }

        if (string.Equals(value, "vqaPlus", StringComparison.OrdinalIgnoreCase))
        {
            return QualityEstimateMode.VqaPlus;
        }

        return null;
    }

    internal static string ToWire(QualityEstimateMode mode) => mode switch
    {
        QualityEstimateMode.General => "general",
        QualityEstimateMode.VqaPlus => "vqaPlus",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Mode must be General or VqaPlus."),
    };

    internal static string ToWire(CallbackFormat format) => format switch
    {
        CallbackFormat.Xml => "XML",
        CallbackFormat.Json => "JSON",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "CallBackFormat must be Xml or Json."),
    };

    internal static string ToWire(CallbackType type) => type switch
    {
        CallbackType.Url => "Url",
        CallbackType.Tdmq => "TDMQ",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "CallBackType must be Url or Tdmq."),
    };

    /// <summary>The emulator's <c>ResultSource</c> marker: absent (the real service never sends it) is
    /// <see cref="QualityEstimateSource.Service"/>; a value this library does not know is <see cref="QualityEstimateSource.Unknown"/>.</summary>
    internal static QualityEstimateSource ParseResultSource(string? text)
    {
        if (text is null)
        {
            return QualityEstimateSource.Service;
        }

        var value = text.Trim();
        if (string.Equals(value, QualityEstimateSourceNames.Simulated, StringComparison.OrdinalIgnoreCase))
        {
            return QualityEstimateSource.Simulated;
        }

        if (string.Equals(value, QualityEstimateSourceNames.LocalAnalysis, StringComparison.OrdinalIgnoreCase))
        {
            return QualityEstimateSource.LocalAnalysis;
        }

        return QualityEstimateSource.Unknown;
    }

    internal static QualityIssueType ParseIssueType(string? text) => text?.Trim() switch
    {
        "Jitter" => QualityIssueType.Jitter,
        "Blur" => QualityIssueType.Blur,
        "LowLighting" => QualityIssueType.LowLighting,
        "HighLighting" => QualityIssueType.HighLighting,
        "CrashScreen" => QualityIssueType.CrashScreen,
        "BlackWhiteEdge" => QualityIssueType.BlackWhiteEdge,
        "SolidColorScreen" => QualityIssueType.SolidColorScreen,
        "Noise" => QualityIssueType.Noise,
        "Mosaic" => QualityIssueType.Mosaic,
        "QRCode" => QualityIssueType.QRCode,
        "AppletCode" => QualityIssueType.AppletCode,
        "BarCode" => QualityIssueType.BarCode,
        "LowVoice" => QualityIssueType.LowVoice,
        "HighVoice" => QualityIssueType.HighVoice,
        "NoVoice" => QualityIssueType.NoVoice,
        "LowEvaluation" => QualityIssueType.LowEvaluation,
        _ => QualityIssueType.Unknown,
    };
}
