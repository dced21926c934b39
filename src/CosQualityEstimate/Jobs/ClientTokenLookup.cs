using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// One look for the job a submit with a client token created: lists the input object's QualityEstimate jobs created
/// since a time (newest first, 100 per page) and matches <see cref="JobDetail.ClientToken"/>. Calls the client's internal
/// list path, never its public virtual one, so a subclass or mock cannot change how a submit is reconciled.
/// </summary>
internal static class ClientTokenLookup
{
    internal static async Task<JobDetail?> FindOnceAsync(JobsClient client, string objectKey, string token, DateTimeOffset since, int maxPages, CancellationToken cancellationToken)
    {
        var filters = new ListJobsOptions
        {
            InputObject = objectKey,
            StartCreationTime = since,
            PageSize = ListJobsOptions.MaxPageSize,
            Order = JobSortOrder.Descending,
        };

        string? continuation = null;
        for (var page = 0; page < maxPages; page++)
        {
            var jobs = await client.GetJobsPageCoreAsync(filters, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var job in jobs.Jobs)
            {
                if (string.Equals(job.ClientToken, token, StringComparison.Ordinal))
                {
                    return job;
                }
            }

            continuation = jobs.ContinuationToken;
            if (continuation is null)
            {
                break;
            }
        }

        return null;
    }
}
