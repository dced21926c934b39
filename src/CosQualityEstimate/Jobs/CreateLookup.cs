using CosQualityEstimate.Http;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// What one kind of paid create (a job submit, a batch create) tells <see cref="VerifyByLookup"/>: how to fetch the
/// created thing by id, how to list the candidates created since a time, which candidate is this create's, and how to
/// say that the outcome is unknown.
/// </summary>
/// <typeparam name="T">The created model.</typeparam>
internal abstract class CreateLookup<T>
    where T : class
{
    /// <summary>"job" or "batch", for messages.</summary>
    internal abstract string Noun { get; }

    /// <summary>What identifies this create's result among the candidates ("client token", "name"), for messages.</summary>
    internal abstract string KeyName { get; }

    /// <summary>The activity name of one look.</summary>
    internal abstract string LookActivity { get; }

    /// <summary>Whether a look can identify this create's result at all (a submit without a client token cannot).</summary>
    internal virtual bool CanLook => true;

    /// <summary>Fetches what the create made by the id an unreadable answer named (the client's internal describe path).</summary>
    internal abstract Task<T> GetByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>One page of the candidates created since <paramref name="since"/> (service clock; any time when <see langword="null"/>), newest first.</summary>
    internal abstract Task<Page<T>> GetCandidatesPageAsync(DateTimeOffset? since, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="candidate"/> is this create's result.</summary>
    internal abstract bool IsThisCreate(T candidate);

    /// <summary>The typed "outcome unknown" error of this kind of create.</summary>
    internal abstract SubmitOutcomeUnknownException Unknown(string reason, Exception innerException, bool probablyCreated);

    /// <summary>Called before the looks (a log line).</summary>
    internal virtual void OnLooking(string reason, int resend)
    {
    }

    /// <summary>Called when a look found this create's result (a log line, a counter).</summary>
    internal virtual void OnFound(T found)
    {
    }
}
