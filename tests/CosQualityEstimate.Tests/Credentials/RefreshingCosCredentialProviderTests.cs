using System.Collections.Concurrent;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Tests.Credentials;

public sealed class RefreshingCosCredentialProviderTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound for waits on other threads; never reached when the code under test works.</summary>
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<CancellationToken> _fetchTokens = new();
    private int _fetchCount;

    /// <summary>What the n-th fetch (1-based) does; by default returns a fresh credential valid for <see cref="Lifetime"/>.</summary>
    private Func<int, Task<TemporaryCosCredential>> _onFetch;

    public RefreshingCosCredentialProviderTests()
    {
        _onFetch = n => Task.FromResult(Issue(n));
    }

    private TemporaryCosCredential Issue(int n, TimeSpan? lifetime = null) =>
        new(new CosCredential("AKIDtemporary" + n.ToString("D4"), "temporary-key-" + n, "session-token-" + n), _time.GetUtcNow() + (lifetime ?? Lifetime));

    private RefreshingCosCredentialProvider CreateProvider(TimeSpan? refreshBefore = null) => new(
        ct =>
        {
            _fetchTokens.Enqueue(ct);
            return _onFetch(Interlocked.Increment(ref _fetchCount));
        },
        _time,
        refreshBefore ?? RefreshBefore);

    /// <summary>Makes the next fetches wait until the returned source is completed.</summary>
    private TaskCompletionSource<TemporaryCosCredential> GateFetches()
    {
        var gate = new TaskCompletionSource<TemporaryCosCredential>(TaskCreationOptions.RunContinuationsAsynchronously);
        _onFetch = _ => gate.Task;
        return gate;
    }

    [Fact]
    public async Task GetCredentialAsync_FirstCall_FetchesLazilyOnce()
    {
        var provider = CreateProvider();
        Assert.Equal(0, _fetchCount);
        Assert.Null(provider.Current);

        var first = await provider.GetCredentialAsync();
        var second = await provider.GetCredentialAsync();

        Assert.Equal(1, _fetchCount);
        Assert.Same(first, second);
        Assert.Same(first, provider.Current!.Credential);
        Assert.Equal("AKIDtemporary0001", first.SecretId);
    }

    [Fact]
    public async Task GetCredentialAsync_BeforeRefreshThreshold_DoesNotRefetch()
    {
        var provider = CreateProvider();
        var first = await provider.GetCredentialAsync();

        _time.Advance(Lifetime - RefreshBefore - TimeSpan.FromSeconds(1));
        var second = await provider.GetCredentialAsync();

        Assert.Same(first, second);
        Assert.Equal(1, _fetchCount);
    }

    [Fact]
    public async Task GetCredentialAsync_AtRefreshThreshold_RefetchesOnce()
    {
        var provider = CreateProvider();
        var first = await provider.GetCredentialAsync();

        _time.Advance(Lifetime - RefreshBefore);
        var second = await provider.GetCredentialAsync();
        var third = await provider.GetCredentialAsync();

        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Equal("AKIDtemporary0002", second.SecretId);
        Assert.Equal(2, _fetchCount);
    }

    [Fact]
    public async Task GetCredentialAsync_DefaultRefreshBeforeExpiry_IsFiveMinutes()
    {
        var provider = new RefreshingCosCredentialProvider(_ => Task.FromResult(Issue(Interlocked.Increment(ref _fetchCount))), _time);
        var first = await provider.GetCredentialAsync();

        _time.Advance(Lifetime - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Same(first, await provider.GetCredentialAsync());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotSame(first, await provider.GetCredentialAsync());
        Assert.Equal(TimeSpan.FromMinutes(5), RefreshingCosCredentialProvider.DefaultRefreshBeforeExpiry);
    }

    [Fact]
    public async Task GetCredentialAsync_ShortLivedCredential_RefreshesHalfWayThroughLifetime()
    {
        _onFetch = n => Task.FromResult(Issue(n, TimeSpan.FromMinutes(4)));
        var provider = CreateProvider();
        var first = await provider.GetCredentialAsync();

        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.Same(first, await provider.GetCredentialAsync());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotSame(first, await provider.GetCredentialAsync());
        Assert.Equal(2, _fetchCount);
    }

    [Fact]
    public async Task GetCredentialAsync_HundredConcurrentCallersAtRefresh_FetchOnceAndAllGetNewCredential()
    {
        var provider = CreateProvider();
        var old = await provider.GetCredentialAsync();
        _time.Advance(Lifetime - RefreshBefore);
        var gate = GateFetches();

        const int Callers = 100;
        int started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var pending = provider.GetCredentialAsync();
            if (Interlocked.Increment(ref started) == Callers)
            {
                allStarted.SetResult();
            }

            return await pending;
        })).ToArray();

        await allStarted.Task.WaitAsync(Safety);
        Assert.All(callers, c => Assert.False(c.IsCompleted));

        var renewed = Issue(2);
        gate.SetResult(renewed);
        var results = await Task.WhenAll(callers).WaitAsync(Safety);

        Assert.Equal(2, _fetchCount);
        Assert.All(results, r => Assert.Same(renewed.Credential, r));
        Assert.NotSame(old, renewed.Credential);
    }

    [Fact]
    public async Task GetCredentialAsync_FetchFailsWhileCurrentStillValid_KeepsCurrentAndRetriesOnNextCall()
    {
        var provider = CreateProvider();
        var first = await provider.GetCredentialAsync();
        _time.Advance(Lifetime - RefreshBefore);
        _onFetch = _ => Task.FromException<TemporaryCosCredential>(new HttpRequestException("sts unavailable"));

        var duringOutage = await provider.GetCredentialAsync();
        Assert.Same(first, duringOutage);
        Assert.Equal(2, _fetchCount);

        _onFetch = n => Task.FromResult(Issue(n));
        var afterOutage = await provider.GetCredentialAsync();

        Assert.NotSame(first, afterOutage);
        Assert.Equal("AKIDtemporary0003", afterOutage.SecretId);
        Assert.Equal(3, _fetchCount);
    }

    [Fact]
    public async Task GetCredentialAsync_FirstFetchFails_ThrowsFetchExceptionAndRetriesOnNextCall()
    {
        var failure = new HttpRequestException("sts unavailable");
        _onFetch = _ => Task.FromException<TemporaryCosCredential>(failure);
        var provider = CreateProvider();

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(async () => await provider.GetCredentialAsync());
        Assert.Same(failure, thrown);

        _onFetch = n => Task.FromResult(Issue(n));
        Assert.Equal("AKIDtemporary0002", (await provider.GetCredentialAsync()).SecretId);
    }

    [Fact]
    public async Task GetCredentialAsync_FetchFailsAfterCurrentExpired_ThrowsToAllWaiters()
    {
        var provider = CreateProvider();
        await provider.GetCredentialAsync();
        _time.Advance(Lifetime);
        var gate = GateFetches();

        var waiters = Enumerable.Range(0, 5).Select(_ => provider.GetCredentialAsync().AsTask()).ToArray();
        var failure = new InvalidOperationException("sts said no");
        gate.SetException(failure);

        foreach (var waiter in waiters)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => waiter.WaitAsync(Safety)));
        }

        Assert.Equal(2, _fetchCount);
    }

    [Fact]
    public async Task GetCredentialAsync_FetchReturnsNull_ThrowsInvalidOperation()
    {
        _onFetch = _ => Task.FromResult<TemporaryCosCredential>(null!);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await CreateProvider().GetCredentialAsync());
    }

    [Fact]
    public async Task GetCredentialAsync_OneCallerCanceled_OtherCallersStillReceiveCredential()
    {
        var gate = GateFetches();
        var provider = CreateProvider();
        using var cts = new CancellationTokenSource();

        var canceled = provider.GetCredentialAsync(cts.Token).AsTask();
        var other = provider.GetCredentialAsync().AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.WaitAsync(Safety));
        Assert.False(other.IsCompleted);

        var issued = Issue(1);
        gate.SetResult(issued);

        Assert.Same(issued.Credential, await other.WaitAsync(Safety));
        Assert.Equal(1, _fetchCount);
        Assert.True(_fetchTokens.TryDequeue(out var fetchToken));
        Assert.False(fetchToken.CanBeCanceled);
    }

    [Fact]
    public async Task RefreshAsync_CurrentRejected_RefetchesOnceForConcurrentCallers()
    {
        var provider = CreateProvider();
        var rejected = await provider.GetCredentialAsync();
        var gate = GateFetches();

        var refreshes = Enumerable.Range(0, 10).Select(_ => provider.RefreshAsync(rejected).AsTask()).ToArray();
        var getter = provider.GetCredentialAsync().AsTask();
        var renewed = Issue(2);
        gate.SetResult(renewed);
        var results = await Task.WhenAll(refreshes).WaitAsync(Safety);

        Assert.Equal(2, _fetchCount);
        Assert.All(results, r => Assert.Same(renewed.Credential, r));
        Assert.Same(renewed.Credential, await getter.WaitAsync(Safety));
        Assert.Same(renewed.Credential, await provider.GetCredentialAsync());
    }

    [Fact]
    public async Task RefreshAsync_StaleRejected_ReturnsCurrentWithoutFetching()
    {
        var provider = CreateProvider();
        var rejected = await provider.GetCredentialAsync();
        var renewed = await provider.RefreshAsync(rejected);

        var again = await provider.RefreshAsync(rejected);

        Assert.NotSame(rejected, renewed);
        Assert.Same(renewed, again);
        Assert.Equal(2, _fetchCount);
    }

    [Fact]
    public async Task RefreshAsync_FetchFails_ThrowsAndDoesNotServeRejectedCredential()
    {
        var provider = CreateProvider();
        var rejected = await provider.GetCredentialAsync();
        var failure = new HttpRequestException("sts unavailable");
        _onFetch = _ => Task.FromException<TemporaryCosCredential>(failure);

        Assert.Same(failure, await Assert.ThrowsAsync<HttpRequestException>(async () => await provider.RefreshAsync(rejected)));
        Assert.Same(failure, await Assert.ThrowsAsync<HttpRequestException>(async () => await provider.GetCredentialAsync()));

        _onFetch = n => Task.FromResult(Issue(n));
        Assert.Equal("AKIDtemporary0004", (await provider.GetCredentialAsync()).SecretId);
    }

    [Fact]
    public async Task RefreshAsync_NullRejected_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await CreateProvider().RefreshAsync(null!));
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new RefreshingCosCredentialProvider(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefreshingCosCredentialProvider(_ => Task.FromResult(Issue(1)), _time, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RefreshingCosCredentialProvider(_ => Task.FromResult(Issue(1)), _time, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void TemporaryCosCredential_ToString_MasksSecrets()
    {
        var temporary = Issue(7);

        string text = temporary.ToString();

        Assert.DoesNotContain("temporary-key-7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token-7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDtemporary0007", text, StringComparison.Ordinal);
        Assert.Contains("0007", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-25T09:00:00", text, StringComparison.Ordinal);
    }
}
