using CosQualityEstimate.Signing;

namespace CosQualityEstimate.Credentials;

/// <summary>
/// Serves temporary (STS) credentials obtained from a fetch delegate and replaces them before they expire.
/// </summary>
/// <remarks>
/// <para>
/// The first credential is fetched on first use. A credential is served until <c>ExpiresAt - refreshBeforeExpiry</c>
/// (or, when it arrived with less than twice <c>refreshBeforeExpiry</c> left, until half of that lifetime is used); the next call after that
/// fetches a replacement. At most one fetch runs at a time: concurrent callers wait for the same fetch and receive the same
/// credential.
/// </para>
/// <para>
/// When a fetch fails and the current credential has not yet reached <see cref="TemporaryCosCredential.ExpiresAt"/>, the
/// current credential keeps being served and the next call tries to fetch again. When no valid credential remains, the
/// exception thrown by the fetch delegate is rethrown, unwrapped, to every caller waiting for that fetch.
/// </para>
/// <para>
/// The fetch delegate receives <see cref="CancellationToken.None"/>, because its result is shared: a caller's
/// cancellation token only cancels that caller's wait. Apply a timeout inside the delegate if needed.
/// The provider never logs, and never puts credential values in the exceptions it throws.
/// This type is thread-safe.
/// </para>
/// </remarks>
public sealed class RefreshingCosCredentialProvider : IRefreshableCosCredentialProvider
{
    /// <summary>How long before expiry a credential is replaced when no other value is given: 5 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<TemporaryCosCredential>> _fetch;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly object _gate = new();
    private CachedTemporaryCredential? _current;
    private Task<TemporaryCosCredential>? _pending;

    /// <summary>Creates a provider that obtains credentials from <paramref name="fetch"/>.</summary>
    /// <param name="fetch">
    /// Fetches a new temporary credential, for example from STS or from your own credential service. It is never called
    /// concurrently with itself and always receives <see cref="CancellationToken.None"/>.
    /// </param>
    /// <param name="timeProvider">The clock that decides when to refresh; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="refreshBeforeExpiry">
    /// How long before <see cref="TemporaryCosCredential.ExpiresAt"/> to replace a credential; <see cref="DefaultRefreshBeforeExpiry"/>
    /// when <see langword="null"/>. Zero refreshes only at expiry.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="fetch"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="refreshBeforeExpiry"/> is negative or infinite.</exception>
    public RefreshingCosCredentialProvider(
        Func<CancellationToken, Task<TemporaryCosCredential>> fetch,
        TimeProvider? timeProvider = null,
        TimeSpan? refreshBeforeExpiry = null)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var margin = refreshBeforeExpiry ?? DefaultRefreshBeforeExpiry;
        ArgumentOutOfRangeException.ThrowIfLessThan(margin, TimeSpan.Zero, nameof(refreshBeforeExpiry));
        ArgumentOutOfRangeException.ThrowIfEqual(margin, Timeout.InfiniteTimeSpan, nameof(refreshBeforeExpiry));
        _fetch = fetch;
        _time = timeProvider ?? TimeProvider.System;
        _refreshBeforeExpiry = margin;
    }

    /// <summary>Gets the credential currently served, without fetching; <see langword="null"/> before the first successful fetch.</summary>
    public TemporaryCosCredential? Current => Volatile.Read(ref _current)?.Value;

    /// <inheritdoc />
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled while waiting for a fetch.</exception>
    /// <remarks>Rethrows the fetch delegate's exception when a fetch fails and no unexpired credential is available.</remarks>
    public ValueTask<CosCredential> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && _time.GetUtcNow() < current.RefreshAt)
        {
            return new ValueTask<CosCredential>(current.Value.Credential);
        }

        return GetCredentialSlowAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="rejected"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled while waiting for the fetch.</exception>
    /// <remarks>
    /// A rejected credential is not served again, even before its expiry time: if the fetch fails, the fetch delegate's
    /// exception is rethrown, and later calls to <see cref="GetCredentialAsync"/> fetch again.
    /// </remarks>
    public async ValueTask<CosCredential> RefreshAsync(CosCredential rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        Task<TemporaryCosCredential> fetch;
        lock (_gate)
        {
            var current = _current;
            if (current is not null && !ReferenceEquals(current.Value.Credential, rejected))
            {
                return current.Value.Credential;
            }

            // The current credential is the rejected one (or none was fetched yet): stop serving it and fetch a new one.
            _current = null;
            fetch = _pending ??= StartFetch();
        }

        var fetched = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fetched.Credential;
    }

    private async ValueTask<CosCredential> GetCredentialSlowAsync(CancellationToken cancellationToken)
    {
        Task<TemporaryCosCredential> fetch;
        lock (_gate)
        {
            var current = _current;
            if (current is not null && _time.GetUtcNow() < current.RefreshAt)
            {
                return current.Value.Credential;
            }

            fetch = _pending ??= StartFetch();
        }

        try
        {
            var fetched = await fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
            return fetched.Credential;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && TryGetUnexpired() is { } stillValid)
        {
            // The fetch failed but the current credential has not expired: keep serving it; the next call fetches again.
            return stillValid;
        }
    }

    private CosCredential? TryGetUnexpired()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && _time.GetUtcNow() < current.Value.ExpiresAt ? current.Value.Credential : null;
    }

    /// <summary>Starts the shared fetch. Called under <see cref="_gate"/> when no fetch is pending.</summary>
    private Task<TemporaryCosCredential> StartFetch()
    {
        var completion = new TaskCompletionSource<TemporaryCosCredential>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Run the delegate outside the lock and off the caller's stack, so a slow synchronous part cannot block other callers.
        _ = Task.Run(() => FetchAsync(completion), CancellationToken.None);
        return completion.Task;
    }

    private async Task FetchAsync(TaskCompletionSource<TemporaryCosCredential> completion)
    {
        TemporaryCosCredential fetched;
        try
        {
            fetched = await _fetch(CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The credential fetch delegate returned null.");
        }
#pragma warning disable CA1031 // Any failure of the user's delegate is handed to the waiting callers.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _pending = null;
            }

            completion.SetException(ex);
            return;
        }

        // A short-lived credential is replaced half-way through its lifetime rather than immediately.
        var halfLifetime = (fetched.ExpiresAt - _time.GetUtcNow()) / 2;
        var margin = halfLifetime < _refreshBeforeExpiry ? (halfLifetime > TimeSpan.Zero ? halfLifetime : TimeSpan.Zero) : _refreshBeforeExpiry;

        lock (_gate)
        {
            _current = new CachedTemporaryCredential(fetched, fetched.ExpiresAt - margin);
            _pending = null;
        }

        completion.SetResult(fetched);
    }
}
