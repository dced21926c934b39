using CosQualityEstimate.Http;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// The one verify-by-lookup after a paid create (a job submit, a batch create) failed ambiguously
/// (<see cref="AmbiguousPost"/>): the rules are the same for both, only the look differs (<see cref="CreateLookup{T}"/>).
/// <list type="number">
/// <item>An unreadable answer that names an id: the thing exists, so it is fetched; when that fetch fails, the unreadable
/// answer's <see cref="CosResponseFormatException"/> (carrying the id in <see cref="CosResponseFormatException.JobId"/>) is
/// rethrown — never an "outcome unknown", because the outcome is known. A cancelled fetch keeps the id in
/// <see cref="CosFailureInfo.JobId"/>.</item>
/// <item>Otherwise look for it among what was created since the call started on the service's clock minus
/// <see cref="Lookback"/>, <see cref="CosRetryOptions.ReconcileAttempts"/> times spaced by
/// <see cref="CosRetryOptions.ReconcileDelay"/>, each look reading at most <see cref="MaxPagesPerLook"/> pages; a failed
/// look is an "outcome unknown".</item>
/// <item>Not found, and the service had answered with success (2xx): it was probably created — an "outcome unknown" with
/// <see cref="SubmitOutcomeUnknownException.ProbablyCreated"/>. Not found after any other failure: proven not created
/// (<see langword="null"/>; the caller may resend).</item>
/// </list>
/// </summary>
internal static class VerifyByLookup
{
    /// <summary>How far back a look searches (covers clock differences and the service's listing delay).</summary>
    internal static readonly TimeSpan Lookback = TimeSpan.FromMinutes(15);

    /// <summary>Most listing pages (of 100) one look reads.</summary>
    internal const int MaxPagesPerLook = 10;

    /// <summary>Whether the failure was a success answer (2xx) the client could not read: the create was then probably applied.</summary>
    internal static bool AnsweredWithSuccess(Exception failure) => failure is CosResponseFormatException { Status: >= 200 and <= 299 };

    /// <summary>After an ambiguous failure: the created thing, or <see langword="null"/> when every look proved none was created.</summary>
    /// <param name="lookup">The kind of create.</param>
    /// <param name="failure">The ambiguous failure.</param>
    /// <param name="resend">How many resends came before (0 for the first send).</param>
    /// <param name="startedOnService">When the call started, on the service's clock.</param>
    /// <param name="retry">The look budget.</param>
    /// <param name="time">The client's clock (the delay between looks).</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    internal static async Task<T?> VerifyAsync<T>(CreateLookup<T> lookup, Exception failure, int resend, DateTimeOffset startedOnService, CosRetryOptions retry, TimeProvider time, CancellationToken cancellationToken)
        where T : class
    {
        if (failure is CosResponseFormatException { JobId: { } namedId } unreadable)
        {
            return await RecoverNamedAsync(lookup, namedId, unreadable, cancellationToken).ConfigureAwait(false);
        }

        var reason = ResilienceRules.Describe(failure) + ".";
        var probablyCreated = AnsweredWithSuccess(failure);
        if (!lookup.CanLook)
        {
            throw lookup.Unknown(reason, failure, probablyCreated);
        }

        lookup.OnLooking(reason, resend);
        var since = startedOnService - Lookback;
        for (var attempt = 0; attempt < retry.ReconcileAttempts; attempt++)
        {
            if (attempt > 0 && retry.ReconcileDelay > TimeSpan.Zero)
            {
                await Task.Delay(retry.ReconcileDelay, time, cancellationToken).ConfigureAwait(false);
            }

            // Each look is a child activity of the create's activity, with its list calls below it.
            using var look = CosDiagnostics.ActivitySource.StartActivity(lookup.LookActivity);
            look?.SetTag("cos.reconcile.attempt", attempt + 1);
            T? found;
            try
            {
                found = await FindAsync(lookup, since, MaxPagesPerLook, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw lookup.Unknown($"{reason} Looking the {lookup.Noun} up failed too: {ResilienceRules.Describe(ex)}.", new AggregateException(failure, ex), probablyCreated);
            }

            if (found is not null)
            {
                lookup.OnFound(found);
                return found;
            }
        }

        if (probablyCreated)
        {
            // A 2xx means the service processed the create: a list that does not show it yet proves nothing.
            throw lookup.Unknown($"{reason} The service answered with success, so a {lookup.Noun} was probably created; it was not found by its {lookup.KeyName} yet.", failure, probablyCreated: true);
        }

        return null;
    }

    /// <summary>One look: up to <paramref name="maxPages"/> pages of candidates, the first that is this create's (also the public find-by-token and find-by-name).</summary>
    internal static async Task<T?> FindAsync<T>(CreateLookup<T> lookup, DateTimeOffset? since, int maxPages, CancellationToken cancellationToken)
        where T : class
    {
        string? token = null;
        for (var page = 0; page < maxPages; page++)
        {
            var candidates = await lookup.GetCandidatesPageAsync(since, token, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates.Values)
            {
                if (lookup.IsThisCreate(candidate))
                {
                    return candidate;
                }
            }

            if (candidates.ContinuationToken is null || candidates.ContinuationToken == token)
            {
                break;
            }

            token = candidates.ContinuationToken;
        }

        return null;
    }

    private static async Task<T> RecoverNamedAsync<T>(CreateLookup<T> lookup, string id, CosResponseFormatException unreadable, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await lookup.GetByIdAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: keep the id the service returned on the cancellation itself.
            CosFailureInfo.RecordJobId(ex, id);
            throw;
        }
#pragma warning disable CA1031 // Whatever failed, the unreadable-answer exception carries the id: never lose it.
        catch (Exception)
#pragma warning restore CA1031
        {
            throw unreadable;
        }
    }
}
