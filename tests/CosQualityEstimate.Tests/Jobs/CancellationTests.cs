using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>The caller's CancellationToken always wins: over retry backoff, over an in-flight attempt, and it is never swallowed.</summary>
public sealed class CancellationTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    /// <summary>A fake clock that never moves and reports when a short timer (a retry backoff, not a 30 s+ timeout) is started.</summary>
    private sealed class BackoffSignalingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly TaskCompletionSource _backoff = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task BackoffStarted => _backoff.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(10))
            {
                _backoff.TrySetResult();
            }

            return timer;
        }
    }

    [Fact]
    public async Task GetJob_CancelledDuringRetryBackoff_ThrowsOperationCanceledAndStopsRetrying()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs/j1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>"));
        var time = new BackoffSignalingTimeProvider(Start); // the backoff never elapses on its own
        var client = _service.CreateClient(time);
        using var cts = new CancellationTokenSource();

        var call = client.GetJobAsync("j1", cts.Token);
        await time.BackoffStarted.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_service.Requests);
    }

    /// <summary>Signals when a request arrives and never answers: the attempt stays in flight until cancelled.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Requests { get; private set; }

        public Task Arrived => _arrived.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            _arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task Submit_CancelledWhileTheAttemptIsInFlight_ThrowsOperationCanceledNotATimeoutOrRetry()
    {
        var handler = new HangingHandler();
        using var http = new HttpClient(handler);
        var options = _service.Options(new FakeTimeProvider(Start));
        options.UseClientTokens = true;
        var client = new CosQualityEstimate.Jobs.JobsClient(http, options);
        using var cts = new CancellationTokenSource();

        var call = client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4"), cts.Token);
        await handler.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var info = CosFailureInfo.From(ex);
        Assert.NotNull(info?.ClientToken); // enough to look the job up later
        Assert.Equal("a.mp4", info?.ObjectKey);
#pragma warning disable CS0618 // the 1.0 Data keys are obsolete and still written
        Assert.Equal(info?.ClientToken, ex.Data[CosQualityEstimate.Jobs.JobsClient.ClientTokenDataKey]);
        Assert.Equal("a.mp4", ex.Data[CosQualityEstimate.Jobs.JobsClient.ObjectKeyDataKey]);
#pragma warning restore CS0618
        Assert.Equal(1, handler.Requests);
    }
}
