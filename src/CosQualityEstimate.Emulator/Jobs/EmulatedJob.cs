using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Jobs;

/// <summary>One job's immutable request and its mutable timeline. Guarded by the owning <see cref="JobStore"/>'s lock.</summary>
internal sealed class EmulatedJob
{
    internal EmulatedJob(long sequence, string jobId, JobRequestXml request, DateTimeOffset creationTime)
    {
        Sequence = sequence;
        JobId = jobId;
        Request = request;
        CreationTime = creationTime;
        QueuedAt = creationTime;
    }

    /// <summary>Creation order, 1-based; also the paging key.</summary>
    internal long Sequence { get; }

    internal string JobId { get; }

    /// <summary>The normalized request (defaults filled in).</summary>
    internal JobRequestXml Request { get; }

    internal string ObjectKey => Request.Input!.Object!;

    internal DateTimeOffset CreationTime { get; }

    /// <summary>When the job's queue wait (QueueDelay) started counting; moved forward by the time the queue was paused.</summary>
    internal DateTimeOffset QueuedAt { get; set; }

    internal DateTimeOffset? StartedAt { get; set; }

    internal DateTimeOffset? EndedAt { get; set; }

    internal DateTimeOffset? CanceledAt { get; set; }

    /// <summary>The completion timer; disposed when the job is canceled or the store is disposed.</summary>
    internal ITimer? Timer { get; set; }

    /// <summary>Whether completion was already announced (callback sent or skipped).</summary>
    internal bool CompletionAnnounced { get; set; }

    /// <summary>True when <see cref="CosEmulatorOptions.RequireStoredObjects"/> is on and the input object was not stored at submit time.</summary>
    internal bool InputMissing { get; init; }

    /// <summary>The failure rule: an object key containing <c>fail</c> (any case), or a required input object that is missing, ends in Failed.</summary>
    internal bool WillFail => InputMissing || ObjectKey.Contains("fail", StringComparison.OrdinalIgnoreCase);
}
