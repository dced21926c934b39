using CosQualityEstimate.Jobs;
using CosQualityEstimate.LocalAnalysis;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Cli.Analysis;

/// <summary>
/// What <c>cosqe analyze</c> found for one file, in the shape <c>cosqe estimate</c> prints: a <see cref="JobDetail"/>
/// with no job id, the path as its key, state Success with a <see cref="QualityEstimateSource.LocalAnalysis"/> result, or
/// state Failed with a code (<see cref="MediaUnreadableCode"/>, <see cref="FileUnreadableCode"/>) and the reason.
/// </summary>
internal sealed record AnalysisOutcome(string Path, JobDetail Job, LocalAnalysisResult? Result)
{
    /// <summary>ffmpeg cannot read the file as media (not a video, truncated, corrupt).</summary>
    public const string MediaUnreadableCode = "MediaUnreadable";

    /// <summary>The file itself cannot be read (permissions, vanished, I/O error).</summary>
    public const string FileUnreadableCode = "FileUnreadable";

    public bool Succeeded => Job.State == JobState.Success;

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
