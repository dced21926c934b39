using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>The answer most callers want: the score of a succeeded QualityEstimate job, and its vqaPlus findings.</summary>
public sealed class QualityEstimateOutcome
{
    /// <summary>Creates an outcome (also for tests and mocks).</summary>
    /// <param name="job">The succeeded job.</param>
    public QualityEstimateOutcome(JobDetail job)
    {
        Job = job ?? throw new ArgumentNullException(nameof(job));
    }

    /// <summary>The final job as the service reported it.</summary>
    public JobDetail Job { get; }

    /// <summary>The job id.</summary>
    public string JobId => Job.JobId;

    /// <summary>The quality score (at most 10), or <c>null</c> if the service sent none or an unreadable one.</summary>
    public double? Score => Job.QualityEstimate?.Score;

    /// <summary>True when the score is at least 6, the service's "good quality" bar.</summary>
    public bool IsGoodQuality => Job.QualityEstimate?.IsGoodQuality ?? false;

    /// <summary>The vqaPlus findings; <c>null</c> in general mode.</summary>
    public VqaPlusResult? VqaPlus => Job.QualityEstimate?.VqaPlus;
}
