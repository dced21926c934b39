namespace CosQualityEstimate.Emulator.Batches;

/// <summary>One batch processing job: its request, the jobs it created (fixed at creation) and when it was canceled. Guarded by <see cref="BatchStore"/>'s lock.</summary>
internal sealed class EmulatedBatch
{
    internal EmulatedBatch(long sequence, string id, BatchRequest request, DateTimeOffset creationTime, IReadOnlyList<string> jobIds)
    {
        Sequence = sequence;
        Id = id;
        Request = request;
        CreationTime = creationTime;
        JobIds = jobIds;
    }

    internal long Sequence { get; }

    internal string Id { get; }

    internal BatchRequest Request { get; }

    internal DateTimeOffset CreationTime { get; }

    /// <summary>The ordinary QualityEstimate jobs created for the batch's objects, in key order.</summary>
    internal IReadOnlyList<string> JobIds { get; }

    internal DateTimeOffset? CanceledAt { get; set; }

    /// <summary>Why the batch failed (its <c>Message</c>; <c>Code</c> <see cref="BatchInputResolver.MissingManifestPartCode"/>), or <see langword="null"/>.</summary>
    internal string? FailureMessage { get; init; }
}
