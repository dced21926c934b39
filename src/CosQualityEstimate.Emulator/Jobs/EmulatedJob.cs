using CosQualityEstimate.Emulator.Analysis;
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

    /// <summary>The batch processing job (<c>/inventorytriggerjob</c>) that created this job, or <see langword="null"/> for a direct submit.</summary>
    internal string? InventoryTriggerJobId { get; init; }

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

    /// <summary>
    /// Whether the job's result comes from a local analysis of its stored object: its run time is the analysis time, and
    /// it ends when <see cref="AnalysedAt"/> is set.
    /// </summary>
    internal bool Analysed { get; init; }

    /// <summary>When the analysis finished (emulator clock), with <see cref="Outcome"/>; <see langword="null"/> while it runs.</summary>
    internal DateTimeOffset? AnalysedAt { get; set; }

    /// <summary>The analysis outcome, once <see cref="AnalysedAt"/> is set.</summary>
    internal AnalysisOutcome? Outcome { get; set; }

    /// <summary>Completes once the job has taken its analysis outcome (tests wait on it); <see langword="null"/> when not analysed.</summary>
    internal Task? AnalysisTaken { get; set; }

    /// <summary>Whether the result is a simulated one: no analysis, or an analysis that found no ffmpeg.</summary>
    internal bool Simulated => !Analysed || (Outcome is { } outcome && outcome.Result is null && !outcome.Failed);

    /// <summary>
    /// The failure rule: a required input object that is missing, a simulated job whose object key contains <c>fail</c>
    /// (any case), or an analysis that failed the job (an object that is not readable media) ends in Failed.
    /// </summary>
    internal bool WillFail => InputMissing
        || (Outcome?.Failed ?? false)
        || (Simulated && ObjectKey.Contains("fail", StringComparison.OrdinalIgnoreCase));
}
