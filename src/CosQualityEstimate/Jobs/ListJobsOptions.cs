using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>Filters of a job listing (<c>GET /jobs?tag=QualityEstimate&amp;…</c>). Every filter is optional.</summary>
public sealed class ListJobsOptions
{
    /// <summary>The default and maximum page sizes the service allows.</summary>
    public const int DefaultPageSize = 10, MaxPageSize = 100;

    /// <summary><c>queueId</c>: only jobs of this queue.</summary>
    public string? QueueId { get; set; }

    /// <summary><c>states</c>: only jobs in these states (sent comma-separated). Empty: all states.</summary>
    public IList<JobState> States { get; } = new List<JobState>();

    /// <summary><c>size</c>: jobs per page, 1 to 100 (default 10).</summary>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary><c>orderByTime</c>: Desc (default) or Asc.</summary>
    public JobSortOrder Order { get; set; } = JobSortOrder.Descending;

    /// <summary><c>startCreationTime</c>: only jobs created at or after this time (sent as <c>yyyy-MM-ddTHH:mm:ss+0800</c>, with this value's offset).</summary>
    public DateTimeOffset? StartCreationTime { get; set; }

    /// <summary><c>endCreationTime</c>: only jobs created at or before this time.</summary>
    public DateTimeOffset? EndCreationTime { get; set; }

    /// <summary><c>inputObject</c>: only jobs whose input is this object key.</summary>
    public string? InputObject { get; set; }

    /// <summary><c>inventoryTriggerJobId</c>: only jobs created by this batch processing job (see <see cref="JobsClient.Batches"/>).</summary>
    public string? InventoryTriggerJobId { get; set; }
}
