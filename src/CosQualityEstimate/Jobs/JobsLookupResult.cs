using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>Result of looking up several jobs by id: those found, and those the service reported as non-existent.</summary>
public sealed class JobsLookupResult
{
    /// <summary>Creates a result (also for tests and mocks).</summary>
    /// <param name="jobs">The jobs found.</param>
    /// <param name="nonExistentJobIds">The ids the service does not know.</param>
    public JobsLookupResult(IReadOnlyList<JobDetail> jobs, IReadOnlyList<string> nonExistentJobIds)
    {
        Jobs = jobs ?? throw new ArgumentNullException(nameof(jobs));
        NonExistentJobIds = nonExistentJobIds ?? throw new ArgumentNullException(nameof(nonExistentJobIds));
    }

    /// <summary>The jobs found, in the service's order.</summary>
    public IReadOnlyList<JobDetail> Jobs { get; }

    /// <summary>The ids the service reported in <c>NonExistJobIds</c>.</summary>
    public IReadOnlyList<string> NonExistentJobIds { get; }
}
