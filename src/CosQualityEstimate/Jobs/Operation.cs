using CosQualityEstimate.Http;

namespace CosQualityEstimate.Jobs;

/// <summary>
/// Something the service runs that the client follows to its end, in the shape of Azure's <c>Operation&lt;T&gt;</c>:
/// its <see cref="Id"/>, <see cref="UpdateStatusAsync"/>, <see cref="HasCompleted"/> and <see cref="CancelAsync"/>.
/// The base of <see cref="QualityEstimateOperation"/> (a job) and <see cref="BatchJobOperation"/> (a batch): status
/// checks, the wait and the cancel go through the client's internal paths, never its public virtual ones, so a subclass
/// or mock of the client cannot change how an operation behaves.
/// </summary>
/// <typeparam name="T">The model the service describes the operation with (<see cref="Models.JobDetail"/>, <see cref="Models.BatchJobDetail"/>).</typeparam>
public abstract class Operation<T>
    where T : class
{
    private T? _last;

    /// <summary>
    /// For the operations of this library (<see cref="QualityEstimateOperation"/>, <see cref="BatchJobOperation"/>): their
    /// status, wait and cancel paths are internal, so derive from those (their protected constructors are for mocking).
    /// </summary>
    /// <param name="id">The id of the job or batch.</param>
    protected Operation(string id)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
    }

    /// <summary>The id the service gave the job or batch.</summary>
    public virtual string Id { get; }

    /// <summary>True once the service reported a final state (Success, Failed or Cancel).</summary>
    public virtual bool HasCompleted => LastKnown is { } last && IsCompleted(last);

    /// <summary>What was seen last (the public <c>LastKnown…</c> property of each operation, so a mock's override counts).</summary>
    private protected virtual T? LastKnown => Volatile.Read(ref _last);

    /// <summary>The activity name of one status check.</summary>
    private protected abstract string UpdateActivity { get; }

    /// <summary>The activity name of a cancel.</summary>
    private protected abstract string CancelActivity { get; }

    /// <summary>The client's clock (waits run on it, so tests drive them with a fake clock).</summary>
    private protected abstract TimeProvider Time { get; }

    /// <summary>Fetches the current state once and remembers it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current state.</returns>
    public virtual Task<T> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync(UpdateActivity, this, static (s, ct) => s.UpdateStatusCoreAsync(ct), cancellationToken);

    /// <summary>Asks the service to cancel it (only what has not started yet can be cancelled).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the service accepted the cancel.</returns>
    /// <exception cref="JobCancellationRefusedException">The service refused: it is already running or has ended.</exception>
    public virtual Task CancelAsync(CancellationToken cancellationToken = default) =>
        CosCallScope.RunAsync(CancelActivity, this, static (s, ct) => s.CancelCoreAsync(ct), cancellationToken);

    /// <summary>Whether <paramref name="value"/> is a final state.</summary>
    private protected abstract bool IsCompleted(T value);

    /// <summary>One describe call through the client's internal path.</summary>
    private protected abstract Task<T> FetchAsync(CancellationToken cancellationToken);

    /// <summary>One cancel call through the client's internal path.</summary>
    private protected abstract Task CancelCoreAsync(CancellationToken cancellationToken);

    /// <summary>The timeout error of a wait, from the last fetched state.</summary>
    private protected abstract Exception TimedOut(T? last, TimeSpan timeout);

    /// <summary>Called once with the final state a wait fetched (never with one already known): logs and counters.</summary>
    private protected virtual void OnCompleted(T value)
    {
    }

    /// <summary>What is known already (an operation created from a submit's or create's answer).</summary>
    private protected void Remember(T value) => Volatile.Write(ref _last, value);

    /// <summary>One status check that remembers what it read.</summary>
    private protected async Task<T> UpdateStatusCoreAsync(CancellationToken cancellationToken)
    {
        var value = await FetchAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _last, value);
        return value;
    }

    /// <summary>
    /// The one wait of every operation: returns at once when the last known state is final, else polls
    /// (<see cref="PollLoop"/>, on <see cref="Time"/>) until it is, and remembers it.
    /// </summary>
    private protected async Task<T> WaitForEndAsync(JobPollingOptions polling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(polling);
        var known = LastKnown;
        if (known is not null && IsCompleted(known))
        {
            return known; // final: the service cannot change it any more, so there is nothing to ask
        }

        var value = await PollLoop.RunAsync(FetchAsync, IsCompleted, known, polling, Time, last => TimedOut(last, polling.Timeout), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _last, value);
        OnCompleted(value);
        return value;
    }
}
