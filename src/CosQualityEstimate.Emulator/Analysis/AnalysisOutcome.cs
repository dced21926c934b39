using System.Xml.Linq;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Analysis;

/// <summary>
/// What the local analysis of one stored object ended with: a result (<see cref="Result"/>, marked
/// <c>local-analysis</c>), a job failure (<see cref="FailureCode"/> and <see cref="FailureMessage"/>), or
/// <see cref="Unavailable"/> (ffmpeg is missing: the job falls back to a simulated result). Immutable; shared by every job
/// on the same object content.
/// </summary>
internal sealed class AnalysisOutcome
{
    /// <summary>ffmpeg is not available: the job gets a simulated result, labelled as such.</summary>
    internal static readonly AnalysisOutcome Unavailable = new(null, null, null, null);

    private AnalysisOutcome(QualityEstimateXml? result, XElement? mediaInfo, string? failureCode, string? failureMessage)
    {
        Result = result;
        MediaInfo = mediaInfo;
        FailureCode = failureCode;
        FailureMessage = failureMessage;
    }

    /// <summary>The result, or <see langword="null"/> when the analysis did not produce one.</summary>
    internal QualityEstimateXml? Result { get; }

    /// <summary>MediaInfo built from what the analysis measured (never made up), with <see cref="Result"/>.</summary>
    internal XElement? MediaInfo { get; }

    /// <summary>The job's error code when the analysis failed the job.</summary>
    internal string? FailureCode { get; }

    /// <summary>The job's error message when the analysis failed the job.</summary>
    internal string? FailureMessage { get; }

    /// <summary>Whether the job ends Failed.</summary>
    internal bool Failed => FailureCode is not null;

    internal static AnalysisOutcome Analysed(QualityEstimateXml result, XElement mediaInfo) => new(result, mediaInfo, null, null);

    internal static AnalysisOutcome Failure(string code, string message) => new(null, null, code, message);
}
