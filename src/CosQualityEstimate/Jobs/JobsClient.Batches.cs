namespace CosQualityEstimate.Jobs;

/// <summary>The service's batch processing jobs, on this client's pipeline.</summary>
public partial class JobsClient
{
    private BatchJobsClient? _batches;

    /// <summary>
    /// The service's batch processing jobs (<c>/inventorytriggerjob</c>) of this bucket, sent through this client's
    /// pipeline (same signer, retries, timeouts and options). Disposing this client ends it too.
    /// </summary>
    public virtual BatchJobsClient Batches =>
        _pipeline is null
            ? throw new InvalidOperationException("This JobsClient was created for mocking and has no Batches client.")
            : LazyInitializer.EnsureInitialized(ref _batches, () => new BatchJobsClient(this, () => Pipeline, _retry));
}
