namespace CosQualityEstimate.Http;

/// <summary>
/// Runs one public call of a client inside its one activity (<c>JobsClient.&lt;Call&gt;</c> or
/// <c>ObjectsClient.&lt;Call&gt;</c>, see <see cref="CosDiagnostics.StartCall"/>) and marks the activity Error, with a
/// secret-free description, when the call fails. The call's HTTP attempts, polls and look-ups are its children.
/// </summary>
internal static class CosCallScope
{
    /// <summary>Runs <paramref name="call"/> inside the activity <paramref name="name"/>.</summary>
    /// <param name="name">The activity name, <c>JobsClient.&lt;Call&gt;</c> or <c>ObjectsClient.&lt;Call&gt;</c>.</param>
    /// <param name="state">The call's arguments (a static lambda keeps the call allocation-free).</param>
    /// <param name="call">The internal path behind the public call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal static Task<T> RunAsync<TState, T>(string name, TState state, Func<TState, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        // No listener, no activity (StartActivity would return null): the call's own task, without a state machine
        // around it. Every call is an async method, so its failures are in its task either way.
        CosDiagnostics.ActivitySource.HasListeners() ? RunInActivityAsync(name, state, call, cancellationToken) : call(state, cancellationToken);

    private static async Task<T> RunInActivityAsync<TState, T>(string name, TState state, Func<TState, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var activity = CosDiagnostics.StartCall(name);
        try
        {
            return await call(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CosDiagnostics.Fail(activity, ex))
        {
            throw; // never reached: the filter only marks the activity
        }
    }

    /// <summary>Runs <paramref name="call"/>, which returns nothing, inside the activity <paramref name="name"/>.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="state">The call's arguments.</param>
    /// <param name="call">The internal path behind the public call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal static Task RunAsync<TState>(string name, TState state, Func<TState, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(name, (State: state, Call: call), static async (s, ct) =>
        {
            await s.Call(s.State, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
