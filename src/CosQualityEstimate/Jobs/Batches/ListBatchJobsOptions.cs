using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>Filters of a batch listing (<c>GET /inventorytriggerjob?…</c>). Every filter is optional.</summary>
public sealed class ListBatchJobsOptions
{
    /// <summary><c>size</c>: batches per page, 1 to 100 (default 10).</summary>
    public int PageSize { get; set; } = ListJobsOptions.DefaultPageSize;

    /// <summary><c>type</c>: <c>Job</c> or <c>Workflow</c>; all types when <c>null</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>states</c>: only batches in these states (sent comma-separated). Empty: all states.</summary>
    public IList<JobState> States { get; } = new List<JobState>();

    /// <summary><c>orderByTime</c>: Desc (default) or Asc.</summary>
    public JobSortOrder Order { get; set; } = JobSortOrder.Descending;

    /// <summary><c>startCreationTime</c>: only batches created at or after this time.</summary>
    public DateTimeOffset? StartCreationTime { get; set; }

    /// <summary><c>endCreationTime</c>: only batches created at or before this time.</summary>
    public DateTimeOffset? EndCreationTime { get; set; }

    /// <summary><c>name</c>: only batches with this name.</summary>
    public string? Name { get; set; }

    /// <summary><c>jobId</c>: only the batch with this id.</summary>
    public string? JobId { get; set; }
}
