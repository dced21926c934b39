using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// <see cref="ListJobsOptions"/> → <c>GET /jobs?tag=QualityEstimate&amp;queueId=&amp;states=&amp;size=&amp;orderByTime=&amp;nextToken=&amp;startCreationTime=&amp;endCreationTime=&amp;inputObject=</c>,
/// validated before anything is sent; times in the service's format with the given value's offset.
/// </summary>
internal static class ListJobsRequest
{
    internal static CosRequest Create(ListJobsOptions filters, string? continuationToken)
    {
        Validate(filters);
        var request = new CosRequest("ListJobs", HttpMethod.Get, "/jobs") { IsIdempotent = true };
        request.AddQuery("tag", JobRequestConverter.QualityEstimateTag);
        if (!string.IsNullOrEmpty(filters.QueueId))
        {
            request.AddQuery("queueId", filters.QueueId);
        }

        if (filters.States.Count > 0)
        {
            request.AddQuery("states", string.Join(',', filters.States.Select(WireEnum.ToWire)));
        }

        request.AddQuery("size", filters.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.AddQuery("orderByTime", filters.Order == JobSortOrder.Ascending ? "Asc" : "Desc");
        if (!string.IsNullOrEmpty(continuationToken))
        {
            request.AddQuery("nextToken", continuationToken);
        }

        if (filters.StartCreationTime is DateTimeOffset from)
        {
            request.AddQuery("startCreationTime", ServiceTime.Format(from));
        }

        if (filters.EndCreationTime is DateTimeOffset to)
        {
            request.AddQuery("endCreationTime", ServiceTime.Format(to));
        }

        if (!string.IsNullOrEmpty(filters.InputObject))
        {
            request.AddQuery("inputObject", filters.InputObject);
        }

        if (!string.IsNullOrEmpty(filters.InventoryTriggerJobId))
        {
            request.AddQuery("inventoryTriggerJobId", filters.InventoryTriggerJobId);
        }

        return request;
    }

    internal static void Validate(ListJobsOptions options)
    {
        if (options.PageSize is < 1 or > ListJobsOptions.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException("options.PageSize", options.PageSize, "PageSize must be between 1 and 100.");
        }

        if (!Enum.IsDefined(options.Order))
        {
            throw new ArgumentOutOfRangeException("options.Order", options.Order, "Order must be Descending or Ascending.");
        }

        foreach (var state in options.States)
        {
            if (state == JobState.Unknown || !Enum.IsDefined(state))
            {
                throw new ArgumentOutOfRangeException("options.States", state, "States must be documented job states (not Unknown).");
            }
        }

        if (options.StartCreationTime is { } from && options.EndCreationTime is { } to && to < from)
        {
            throw new ArgumentException("EndCreationTime must not be before StartCreationTime.", "options.EndCreationTime");
        }

        if (options.InventoryTriggerJobId is { Length: > 0 } batchId)
        {
            JobIdValidator.Validate(batchId, "options.InventoryTriggerJobId");
        }
    }
}
