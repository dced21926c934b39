using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>Regressions from the release review: a submit is never doubled and what the caller needs is never lost.</summary>
public sealed class SubmitSafetyTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private JobsClient TokenClient(TimeProvider time, Action<JobsClientOptions>? configure = null)
    {
        var options = _service.Options(time);
        options.UseClientTokens = true;
        options.Retry.ReconcileDelay = TimeSpan.FromMilliseconds(10);
        configure?.Invoke(options);
        return new JobsClient(options);
    }

    private int Posts => _service.Requests.Count(r => r.RequestMessage.Method == "POST");

    [Fact]
    public async Task Submit_SuccessStatusWithoutJobIdAndListLagging_IsNeverResent()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<Response><JobsDetail><State>Submitted</State></JobsDetail></Response>"));
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<Response></Response>"));
        var client = TokenClient(new AutoAdvanceTimeProvider(Start));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.Equal(1, Posts);
        Assert.Equal(200, ex.Status);
        Assert.NotNull(ex.ClientToken);
        Assert.Contains("answered with success", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryOptions_ChangedAfterConstruction_ClientKeepsItsOwnCopy()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs/j1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("<Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>"));
        var options = _service.Options(new AutoAdvanceTimeProvider(Start));
        options.Retry.MaxRetries = 2;
        var client = new JobsClient(options);
        options.Retry.MaxRetries = 0;

        await Assert.ThrowsAsync<CosServiceException>(() => client.GetJobAsync("j1"));

        Assert.Equal(3, _service.Requests.Count);
    }

    [Fact]
    public async Task Submit_RefusedWithAClientToken_FailureInfoAndTheObsoleteDataKeysCarryTokenAndObjectKey()
    {
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("<Error><Code>InvalidArgument</Code><Message>no</Message></Error>"));
        var client = TokenClient(new AutoAdvanceTimeProvider(Start));

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("in/a.mp4") { ClientToken = "order-42" }));

        var info = CosFailureInfo.From(ex);
        Assert.NotNull(info);
        Assert.Equal("order-42", info.ClientToken);
        Assert.Equal("in/a.mp4", info.ObjectKey);
        Assert.False(info.Resent);
        Assert.Null(info.JobId);
#pragma warning disable CS0618 // the 1.0 Data keys are obsolete and still written
        Assert.Equal("order-42", ex.Data[JobsClient.ClientTokenDataKey]);
        Assert.Equal("in/a.mp4", ex.Data[JobsClient.ObjectKeyDataKey]);
#pragma warning restore CS0618
    }

    [Fact]
    public async Task Submit_RequestHasExpiredBecauseTheLocalClockIsSlow_CorrectsFromDateAndSendsOnce()
    {
        // WireMock stamps its own (real) Date header, so the client's clock is set 20 minutes behind real time.
        var serverNow = DateTimeOffset.UtcNow;
        var clientNow = serverNow - TimeSpan.FromMinutes(20);
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost()).InScenario("skew").WillSetStateTo("corrected")
            .RespondWith(Response.Create().WithStatusCode(403)
                .WithBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"));
        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost()).InScenario("skew").WhenStateIs("corrected")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<Response><JobsDetail><JobId>j1</JobId><State>Submitted</State></JobsDetail></Response>"));
        var client = _service.CreateClient(new AutoAdvanceTimeProvider(clientNow));

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4"));

        Assert.Equal("j1", job.JobId);
        Assert.Equal(2, Posts);
        var second = _service.Requests.Last().RequestMessage.Headers!["Authorization"].Single();
        var keyStart = long.Parse(second.Split("q-key-time=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(keyStart, serverNow.ToUnixTimeSeconds() - 5, serverNow.ToUnixTimeSeconds() + 30); // signed on the service's clock, not ours
    }

    [Fact]
    public async Task Submit_UserDataCarryingTheTokenMarker_IsRejectedBeforeSending()
    {
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4") { UserData = "x cqe-token:abc" }));

        Assert.Equal("request.UserData", ex.ParamName);
        Assert.Empty(_service.Requests);
    }
}
