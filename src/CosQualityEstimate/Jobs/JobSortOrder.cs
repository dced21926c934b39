namespace CosQualityEstimate.Jobs;

/// <summary>Order of a job listing by creation time (<c>orderByTime</c>).</summary>
public enum JobSortOrder
{
    /// <summary><c>Desc</c>: newest first (the service default).</summary>
    Descending = 0,

    /// <summary><c>Asc</c>: oldest first.</summary>
    Ascending = 1,
}
