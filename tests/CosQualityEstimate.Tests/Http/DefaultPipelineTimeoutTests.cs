using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;
using Polly.Timeout;

namespace CosQualityEstimate.Tests.Http;

/// <summary>
/// The overall and attempt timeouts of the jobs client's default pipeline. With nothing added to it, the HTTP pipeline
/// applies both itself (Polly runs the retry alone); with <see cref="JobsClientOptions.ConfigureResilience"/> set, all
/// three are Polly strategies. Every case runs both ways and must end the same: same exception types, same
/// <see cref="TimeoutRejectedException.Timeout"/>, same number of requests. Fake time only: each timeout fires when the
/// test advances the clock while the request is held by the handler.
/// </summary>
public sealed class DefaultPipelineTimeoutTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);

    private const string JobXml = "<Response><JobsDetail><JobId>j1</JobId><State>Running</State><Tag>QualityEstimate</Tag></JobsDetail></Response>";

    /// <summary>Holds the first <c>hangs</c> requests until they are cancelled; answers the rest at once.</summary>
    private sealed class HangingHandler(int hangs) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>Completes once the first held request has arrived (and registered for its cancellation).</summary>
        public Task FirstHeld => _firstHeld.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls) - 1;
            if (call < hangs)
            {
                var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => held.TrySetCanceled(cancellationToken)))
                {
                    _firstHeld.TrySetResult();
                    await held.Task.ConfigureAwait(false);
                }
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JobXml, System.Text.Encoding.UTF8, "application/xml") };
        }
    }

    private static JobsClient Client(HttpMessageHandler handler, TimeProvider time, bool polly, Action<CosRetryOptions> retry)
    {
        var options = new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDtimeouts00000000000000000000", "timeoutsSecret000000000000000000"),
            TimeProvider = time,
        };
        retry(options.Retry);
        if (polly)
        {
            options.ConfigureResilience = _ => { }; // adds nothing, but keeps all three strategies in Polly
        }

        return new JobsClient(new HttpClient(handler), options);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetJob_AttemptTimesOutWithoutRetries_IsTimeoutTransportFailureWithTheAttemptTimeout(bool polly)
    {
        var time = new AutoAdvanceTimeProvider(Start);
        var handler = new HangingHandler(hangs: 1);
        using var client = Client(handler, time, polly, r =>
        {
            r.MaxRetries = 0;
            r.AttemptTimeout = TimeSpan.FromSeconds(5);
        });

        var call = client.GetJobAsync("j1");
        await handler.FirstHeld;
        time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => call);
        Assert.True(ex.IsTimeout);
        var timeout = Assert.IsType<TimeoutRejectedException>(ex.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(5), timeout.Timeout);
        Assert.IsAssignableFrom<OperationCanceledException>(timeout.InnerException);
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetJob_AttemptTimesOutOnce_IsRetriedAndSucceeds(bool polly)
    {
        var time = new AutoAdvanceTimeProvider(Start);
        var handler = new HangingHandler(hangs: 1);
        using var client = Client(handler, time, polly, r =>
        {
            r.MaxRetries = 2;
            r.Delay = TimeSpan.FromMilliseconds(100);
            r.AttemptTimeout = TimeSpan.FromSeconds(5);
        });

        var call = client.GetJobAsync("j1");
        await handler.FirstHeld;
        time.Advance(TimeSpan.FromSeconds(5)); // the first attempt times out; the retry's delay advances the clock itself

        var job = await call;
        Assert.Equal("j1", job.JobId);
        Assert.Equal(2, handler.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetJob_OverallTimeoutBeforeTheAttemptTimeout_IsTimeoutTransportFailureWithTheOverallTimeout(bool polly)
    {
        var time = new AutoAdvanceTimeProvider(Start);
        var handler = new HangingHandler(hangs: 1);
        using var client = Client(handler, time, polly, r =>
        {
            r.MaxRetries = 3;
            r.AttemptTimeout = TimeSpan.FromMinutes(1);
            r.OverallTimeout = TimeSpan.FromSeconds(2);
        });

        var call = client.GetJobAsync("j1");
        await handler.FirstHeld;
        time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => call);
        Assert.True(ex.IsTimeout);
        var timeout = Assert.IsType<TimeoutRejectedException>(ex.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(2), timeout.Timeout);
        Assert.Equal(1, handler.Calls); // the overall timeout is not retried
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Submit_AttemptTimesOut_IsNeverResentAndTheOutcomeIsUnknown(bool polly)
    {
        var time = new AutoAdvanceTimeProvider(Start);
        var handler = new HangingHandler(hangs: 1);
        using var client = Client(handler, time, polly, r =>
        {
            r.MaxRetries = 3;
            r.AttemptTimeout = TimeSpan.FromSeconds(5);
        });

        var call = client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/a.mp4"));
        await handler.FirstHeld;
        time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => call);
        var transport = Assert.IsType<CosTransportException>(ex.InnerException);
        Assert.True(transport.IsTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<TimeoutRejectedException>(transport.InnerException).Timeout);
        Assert.Equal(1, handler.Calls); // a submit whose attempt timed out may have been processed: never resent
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetJob_CallerCancels_IsCancellationNotATimeout(bool polly)
    {
        var time = new AutoAdvanceTimeProvider(Start);
        var handler = new HangingHandler(hangs: 1);
        using var client = Client(handler, time, polly, r => r.AttemptTimeout = TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource();

        var call = client.GetJobAsync("j1", cts.Token);
        await handler.FirstHeld;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, handler.Calls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetJob_ManyCallsWithinTheTimeouts_NoneTimesOutLater(bool polly)
    {
        // The pooled sources the default pipeline reuses must not carry an earlier call's timer or caller token.
        var time = new AutoAdvanceTimeProvider(Start);
        var handler = new HangingHandler(hangs: 0);
        using var client = Client(handler, time, polly, r =>
        {
            r.MaxRetries = 0;
            r.AttemptTimeout = TimeSpan.FromSeconds(5);
            r.OverallTimeout = TimeSpan.FromSeconds(10);
        });

        for (var i = 0; i < 20; i++)
        {
            using var cts = new CancellationTokenSource();
            Assert.Equal("j1", (await client.GetJobAsync("j1", cts.Token)).JobId);
            await cts.CancelAsync(); // cancelling a finished call's token must not reach the next call
            time.Advance(TimeSpan.FromSeconds(4)); // 20 x 4 s: past both limits in total, never within one call
        }

        Assert.Equal(20, handler.Calls);
    }

    [Fact]
    public async Task GetJob_SystemClock_PooledSourcesCarryNoEarlierCallerToken()
    {
        // On the system clock the default pipeline reuses reset sources (this thread's spare): a cancelled token of an
        // earlier, finished call must not cancel a later one. Nothing waits for a timer here: every call answers at once.
        var handler = new HangingHandler(hangs: 0);
        using var client = Client(handler, TimeProvider.System, polly: false, r => r.MaxRetries = 0);

        for (var i = 0; i < 50; i++)
        {
            using var cts = new CancellationTokenSource();
            Assert.Equal("j1", (await client.GetJobAsync("j1", cts.Token)).JobId);
            await cts.CancelAsync();
        }

        Assert.Equal(50, handler.Calls);
    }
}
