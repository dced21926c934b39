using System.Globalization;
using CosQualityEstimate.Http;
using CosQualityEstimate.Models;
using CosQualityEstimate.Serialization;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// <see cref="ListBatchJobsOptions"/> → <c>GET /inventorytriggerjob?size=&amp;type=&amp;states=&amp;orderByTime=&amp;nextToken=&amp;startCreationTime=&amp;endCreationTime=&amp;name=&amp;jobId=</c>,
/// validated before anything is sent.
/// </summary>
internal static class ListBatchJobsRequest
{
    internal static CosRequest Create(ListBatchJobsOptions filters, string? continuationToken)
    {
        Validate(filters);
        var request = new CosRequest("ListBatches", HttpMethod.Get, "/inventorytriggerjob") { IsIdempotent = true };
        request.AddQuery("size", filters.PageSize.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(filters.Type))
        {
            request.AddQuery("type", filters.Type);
        }

        if (filters.States.Count > 0)
        {
            request.AddQuery("states", string.Join(',', filters.States.Select(WireEnum.ToWire)));
        }

        request.AddQuery("orderByTime", filters.Order == JobSortOrder.Ascending ? "Asc" : "Desc");
        if (!string.IsNullOrEmpty(continuationToken))
        {
            request.AddQuery("nextToken", continuationToken);
        }

        if (filters.StartCreationTime is { } from)
        {
            request.AddQuery("startCreationTime", ServiceTime.Format(from));
        }

        if (filters.EndCreationTime is { } to)
        {
            request.AddQuery("endCreationTime", ServiceTime.Format(to));
        }

        if (!string.IsNullOrEmpty(filters.Name))
        {
            request.AddQuery("name", filters.Name);
        }

        if (!string.IsNullOrEmpty(filters.JobId))
        {
            request.AddQuery("jobId", filters.JobId);
        }

        return request;
    }

    internal static void Validate(ListBatchJobsOptions options)
    {
        if (options.PageSize is < 1 or > ListJobsOptions.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException("options.PageSize", options.PageSize, "PageSize must be between 1 and 100.");
        }

        if (!Enum.IsDefined(options.Order))
        {
            throw new ArgumentOutOfRangeException("options.Order", options.Order, "Order must be Descending or Ascending.");
        }

        if (options.Type is not (null or "Job" or "Workflow"))
        {
            throw new ArgumentException("Type must be Job or Workflow.", "options.Type");
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

        if (options.Name is { } name)
        {
            BatchJobRequestValidator.ValidateName(name, "options.Name");
        }

        if (options.JobId is { } id)
        {
            JobIdValidator.Validate(id, "options.JobId");
        }
    }
}
