using CosQualityEstimate.Jobs;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// What <c>cosqe analyze</c> found for one file, in the shape <c>cosqe estimate</c> prints: a <see cref="JobDetail"/>
/// with no job id, the path as its key, state Success with a <see cref="QualityEstimateSource.LocalAnalysis"/> result, or
/// state Failed with the code of its <see cref="LocalAnalysisFailure"/> (<see cref="CodeFor"/>) and the reason.
/// </summary>
internal sealed record AnalysisOutcome(string Path, JobDetail Job, LocalAnalysisResult? Result)
{
    /// <summary><see cref="LocalAnalysisFailure.MediaUnreadable"/>: ffmpeg cannot read the file as media (not a video,
    /// truncated, corrupt). Permanent: a rerun keeps it.</summary>
    public const string MediaUnreadableCode = "MediaUnreadable";

    /// <summary><see cref="LocalAnalysisFailure.MediaAccess"/>: the file itself cannot be read (permissions, a directory,
    /// an I/O error). Retried on a rerun.</summary>
    public const string FileUnreadableCode = "FileUnreadable";

    /// <summary><see cref="LocalAnalysisFailure.AnalyzerFailure"/>: the analysis failed unexpectedly (ffmpeg crashed, a
    /// bug); says nothing about the file. Retried on a rerun.</summary>
    public const string AnalysisFailedCode = "AnalysisFailed";

    /// <summary><see cref="LocalAnalysisFailure.FfmpegUnavailable"/>: never recorded by <c>cosqe analyze</c>, which stops
    /// (exit 2) when ffmpeg is missing.</summary>
    public const string FfmpegUnavailableCode = "FfmpegUnavailable";

    /// <summary>The journal code of a failure kind (<see cref="LocalAnalysisFailure.FfmpegUnavailable"/> stops the run
    /// instead, but has a code for completeness).</summary>
    public static string CodeFor(LocalAnalysisFailure failure) => failure switch
    {
        LocalAnalysisFailure.MediaUnreadable => MediaUnreadableCode,
        LocalAnalysisFailure.MediaAccess => FileUnreadableCode,
        LocalAnalysisFailure.FfmpegUnavailable => FfmpegUnavailableCode,
        _ => AnalysisFailedCode,
    };

    /// <summary>Whether a recorded code is one a rerun tries again: every failure but <see cref="MediaUnreadableCode"/>.</summary>
    public static bool IsRetryableCode(string? code) =>
        code is FileUnreadableCode or AnalysisFailedCode or FfmpegUnavailableCode;

    public bool Succeeded => Job.State == JobState.Success;

    /// <summary>The file's journal key (its path relative to its argument root, see <see cref="CatalogFiles"/>) when the
    /// run journals; <see langword="null"/> without a journal. <see cref="Path"/> is where the file is on this machine.</summary>
    public string? Key { get; init; }

    public static AnalysisOutcome Success(string path, LocalAnalysisResult result)
    {
        var estimate = result.QualityEstimate;
        if (estimate.Source != QualityEstimateSource.LocalAnalysis)
        {
            // Whatever the analyzer set, this result was computed here: label it so.
            estimate = CosQualityEstimateModelFactory.QualityEstimate(estimate.Score, estimate.VqaPlus, estimate.RawScore, QualityEstimateSource.LocalAnalysis, QualityEstimateSourceNames.LocalAnalysis);
        }

        var job = CosQualityEstimateModelFactory.JobDetail(
            state: JobState.Success,
            rawState: "Success",
            tag: "QualityEstimate",
            input: CosQualityEstimateModelFactory.JobInput(objectKey: path),
            settings: CosQualityEstimateModelFactory.QualityEstimateSettings(QualityEstimateMode.VqaPlus, rawMode: "vqaPlus"),
            qualityEstimate: estimate);
        return new AnalysisOutcome(path, job, result);
    }

    public static AnalysisOutcome Failure(string path, string code, string message) =>
        new(path, CosQualityEstimateModelFactory.JobDetail(
            state: JobState.Failed,
            rawState: "Failed",
            code: code,
            message: message,
            tag: "QualityEstimate",
            input: CosQualityEstimateModelFactory.JobInput(objectKey: path)), null);
}
