using CosQualityEstimate.Models;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// The look of a batch create (<see cref="VerifyByLookup"/>): the batches created since a time whose
/// <see cref="BatchJobDetail.Name"/> is exactly the create's (the service's name filter may match loosely). Calls the
/// batch client's internal paths only.
/// </summary>
internal sealed class BatchCreateLookup : CreateLookup<BatchJobDetail>
{
    private readonly BatchJobsClient _client;
    private readonly string _name;

    internal BatchCreateLookup(BatchJobsClient client, string name)
    {
        _client = client;
        _name = name;
    }

    internal override string Noun => "batch";

    internal override string KeyName => "name";

    internal override string LookActivity => "BatchJobsClient.ReconcileLookup";

    internal override Task<BatchJobDetail> GetByIdAsync(string id, CancellationToken cancellationToken) => _client.GetCoreAsync(id, cancellationToken);

    internal override Task<Page<BatchJobDetail>> GetCandidatesPageAsync(DateTimeOffset? since, string? continuationToken, CancellationToken cancellationToken) =>
        _client.GetPageCoreAsync(new ListBatchJobsOptions { Name = _name, PageSize = ListJobsOptions.MaxPageSize, StartCreationTime = since }, continuationToken, cancellationToken);

    internal override bool IsThisCreate(BatchJobDetail candidate) => string.Equals(candidate.Name, _name, StringComparison.Ordinal);

    internal override SubmitOutcomeUnknownException Unknown(string reason, Exception innerException, bool probablyCreated) =>
        SubmitOutcomeUnknownException.ForBatch(_name, reason, innerException, probablyCreated);
}
