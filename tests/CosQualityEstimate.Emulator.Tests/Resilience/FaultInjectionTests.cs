using System.Net;
using System.Net.Sockets;
using CosQualityEstimate.Credentials;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using static CosQualityEstimate.Emulator.Tests.Resilience.ResilienceHarness;

namespace CosQualityEstimate.Emulator.Tests.Resilience;

/// <summary>
/// One test per fault scenario, through the whole JobsClient pipeline against the emulator. Every test asserts the call's
/// outcome and that the emulator holds exactly the jobs the outcome implies: no duplicate, no lost job. The client runs on
/// its own <see cref="ClientClock"/> (backoff and Retry-After waits pass instantly and are recorded). A slow GET runs on the
/// client's fake clock too (the attempt timeout fires when the test advances it, the emulator's real-time delay is never
/// waited out); only the slow submit uses real time, because whether the emulator creates the job after the client gave
/// up depends on the emulator's real-time Delay fault, and the reconciliation must outlast it.
/// </summary>
public class FaultInjectionTests
{
    private const string ObjectKey = "input/demo.mp4";

    private static QualityEstimateJobRequest Request() => new(ObjectKey);

    private static ClientClock NewClock(TimeSpan? offset = null) => new(TestEmulator.Start + (offset ?? TimeSpan.Zero));

    // ---- 5xx ----

    [Fact]
    public async Task GetJob_5xxBurst_RetriedToSuccess()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var client = emu.Client(NewClock(), logs);
        var submitted = await client.SubmitQualityEstimateJobAsync(Request());
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "GET"));
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError", methodFilter: "GET"));
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(502, "BadGateway", methodFilter: "GET"));

        var job = await client.GetJobAsync(submitted.JobId);

        Assert.Equal(submitted.JobId, job.JobId);
        Assert.Equal(3, logs.Count(Retrying, "GetJob"));
        Assert.Equal(0, emu.Emulator.Faults.PendingCount);
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Submit_5xxWithoutClientTokens_NotResentAndOutcomeUnknown()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "POST"));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => emu.Client(NewClock(), logs).SubmitQualityEstimateJobAsync(Request()));

        // The 503 was answered before processing, so no job exists; the client could not know that and did not resend.
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
        Assert.Equal(1, logs.Count(RequestStarting, "SubmitJob"));
        Assert.Equal(503, ex.Status);
        Assert.Equal("ServiceUnavailable", Assert.IsType<CosServiceException>(ex.InnerException).ErrorCode);
        Assert.Equal(ObjectKey, ex.ObjectKey);
        Assert.Null(ex.ClientToken);
        Assert.StartsWith("emu-", ex.RequestId, StringComparison.Ordinal);
        Assert.Contains("UseClientTokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_5xxWithClientTokens_ReconciledToExactlyOneJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError", methodFilter: "POST"));

        var job = await emu.Client(NewClock(), logs, useClientTokens: true).SubmitQualityEstimateJobAsync(Request());

        var only = Assert.Single(emu.Emulator.GetJobsSnapshot());
        Assert.Equal(only.JobId, job.JobId);
        Assert.NotNull(job.ClientToken);
        Assert.Equal(1, logs.Count(SubmitReconciling));
        Assert.Equal(1, logs.Count(SubmitResending));
    }

    // ---- 429 ----

    [Fact]
    public async Task Submit_429WithRetryAfter_ResentAfterTheRequestedDelay()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var clock = NewClock();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(429, "SlowDown", "7", methodFilter: "POST"));

        // No client token: a 429 proves the submit was not processed, so it is resent without reconciliation.
        var job = await emu.Client(clock, logs).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, clock.Delays);
        Assert.Equal(TestEmulator.Start + TimeSpan.FromSeconds(7), clock.GetUtcNow());
        Assert.Equal(1, logs.Count(Retrying, "retrying in 7000 ms"));
        Assert.Equal(2, logs.Count(RequestStarting, "SubmitJob"));
    }

    [Fact]
    public async Task Submit_429RetryAfterOverMaxDelay_WaitsMaxDelay()
    {
        await using var emu = await TestEmulator.StartAsync();
        var clock = NewClock();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(429, "SlowDown", "3600", methodFilter: "POST"));

        var job = await emu.Client(clock, retry: r => r.MaxDelay = TimeSpan.FromSeconds(3)).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, clock.Delays);
    }

    // ---- connection drops ----

    [Fact]
    public async Task Submit_DropBeforeProcessingWithoutClientTokens_OutcomeUnknownAndNoJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropBeforeProcessing("POST"));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => emu.Client(NewClock()).SubmitQualityEstimateJobAsync(Request()));

        // From the client's side a reset after the request was sent is ambiguous; the server knows nothing was created.
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
        Assert.Equal(ObjectKey, ex.ObjectKey);
        Assert.IsType<HttpRequestException>(Assert.IsType<CosTransportException>(ex.InnerException).InnerException);
    }

    [Fact]
    public async Task Submit_DropBeforeProcessingWithClientTokens_ExactlyOneJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropBeforeProcessing("POST"));

        var job = await emu.Client(NewClock(), logs, useClientTokens: true).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(1, logs.Count(SubmitResending));
    }

    [Fact]
    public async Task Submit_DropAfterProcessingWithClientTokens_ReturnsTheCreatedJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropAfterProcessing("POST"));

        var job = await emu.Client(NewClock(), logs, useClientTokens: true).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(1, logs.Count(SubmitReconciled));
        Assert.Equal(0, logs.Count(SubmitResending));
        Assert.Equal(1, logs.Count(RequestStarting, "SubmitJob"));
    }

    [Fact]
    public async Task Submit_DropAfterProcessingWithoutClientTokens_OutcomeUnknownAndJobExists()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropAfterProcessing("POST"));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => emu.Client(NewClock(), logs).SubmitQualityEstimateJobAsync(Request()));

        // The job exists and the user is told to look for it before submitting again; nothing was resent.
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
        Assert.Equal(1, logs.Count(RequestStarting, "SubmitJob"));
        Assert.Equal(ObjectKey, ex.ObjectKey);
        Assert.Contains("may or may not have created a job", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not resent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ConnectionRefused_ResentBecauseNothingWasReachable()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        var logs = new CapturingLoggerFactory();
        var clock = NewClock();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var client = new JobsClient(http, Options(new Uri($"http://127.0.0.1:{port}/"), clock, logs, useClientTokens: true));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => client.SubmitQualityEstimateJobAsync(Request()));

        // Connection refused proves nothing was sent: the submit is resent MaxRetries (3) times, with no reconciliation.
        Assert.Equal(HttpRequestError.ConnectionError, Assert.IsType<HttpRequestException>(ex.InnerException).HttpRequestError);
        Assert.Equal(0, ex.Status);
        Assert.False(ex.IsTimeout);
        Assert.Equal(4, logs.Count(RequestStarting, "SubmitJob"));
        Assert.Equal(3, logs.Count(Retrying, "SubmitJob"));
        Assert.Equal(0, logs.Count(SubmitReconciling));
        Assert.Equal(new[] { 200, 400, 800 }, clock.Delays.Select(d => (int)d.TotalMilliseconds));
    }

    // ---- slow responses ----

    [Fact]
    public async Task GetJob_SlowerThanAttemptTimeout_Retried()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();

        // Backoffs (10 ms) pass at once; the 5 s attempt timeout fires only when the test advances the clock.
        var clock = new ClientClock(TestEmulator.Start, maxAutoAdvance: TimeSpan.FromSeconds(1));
        var client = emu.Client(clock, logs, retry: r =>
        {
            r.AttemptTimeout = TimeSpan.FromSeconds(5);
            r.Delay = TimeSpan.FromMilliseconds(10);
        });
        var submitted = await client.SubmitQualityEstimateJobAsync(Request());
        emu.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromMinutes(10), "GET"));

        var pending = client.GetJobAsync(submitted.JobId);
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (emu.Emulator.Faults.PendingCount > 0 && !pending.IsCompleted)
        {
            // Until the emulator takes the fault, which then holds the first attempt (a safety bound, not a timing).
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(30), "the emulator never received the GET");
            await Task.Yield();
        }

        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        var job = await pending;

        Assert.Equal(submitted.JobId, job.JobId);
        Assert.Equal(1, logs.Count(Retrying, "attempt timeout"));
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task GetJob_SlowerThanAttemptTimeoutWithoutRetries_IsCosTransportExceptionMarkedAsTimeout()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.TimeProvider = TimeProvider.System);
        var client = emu.Client(TimeProvider.System, new CapturingLoggerFactory(), retry: r =>
        {
            r.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            r.MaxRetries = 0;
        });
        var submitted = await client.SubmitQualityEstimateJobAsync(Request());
        emu.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(2), "GET"));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => client.GetJobAsync(submitted.JobId));

        Assert.True(ex.IsTimeout);
        Assert.Equal(0, ex.Status);
        Assert.Equal("GetJob", ex.Operation);
        Assert.IsType<Polly.Timeout.TimeoutRejectedException>(ex.InnerException);
    }

    [Fact]
    public async Task Submit_SlowerThanAttemptTimeoutWithClientTokens_ReconciledToExactlyOneJob()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.TimeProvider = TimeProvider.System);
        var logs = new CapturingLoggerFactory();
        var client = emu.Client(TimeProvider.System, logs, useClientTokens: true, retry: r =>
        {
            r.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            r.Delay = TimeSpan.FromMilliseconds(10);

            // Reconciliation must outlast the slow request: if the server does not notice the client gave up, it
            // creates the job after the 1 s delay, and a later look finds it.
            r.ReconcileDelay = TimeSpan.FromMilliseconds(750);
            r.ReconcileAttempts = 3;
        });
        emu.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(1), "POST"));

        var job = await client.SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(1, logs.Count(SubmitReconciling, "attempt timeout"));
    }

    // ---- unreadable bodies ----

    [Fact]
    public async Task Submit_TruncatedXmlNamingTheJob_JobRecoveredById()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.MalformedBody("POST"));

        // No client token needed: the cut body still names the JobId, which the client fetches.
        var job = await emu.Client(NewClock(), logs).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(ObjectKey, job.Input?.ObjectKey);
        Assert.Equal(1, logs.Count(RequestStarting, "SubmitJob"));
        Assert.Equal(1, logs.Count(RequestStarting, "GetJob"));
    }

    [Fact]
    public async Task GetJob_TruncatedXml_IsRetriedLikeABodyLostInTransit()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var client = emu.Client(NewClock(), logs);
        var submitted = await client.SubmitQualityEstimateJobAsync(Request());
        emu.Emulator.Faults.Enqueue(EmulatorFault.MalformedBody("GET"));

        // A well-framed 200 whose XML is cut is parsed inside the attempt, so an idempotent GET retries it like a body
        // lost in transit, and the call returns the job.
        var job = await client.GetJobAsync(submitted.JobId);

        Assert.Equal(submitted.JobId, job.JobId);
        Assert.Equal(2, logs.Count(RequestStarting, "GetJob"));
        Assert.Equal(1, logs.Count(Retrying, "GetJob"));
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task GetJob_HtmlGatewayPage_Retried()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var client = emu.Client(NewClock(), logs);
        var submitted = await client.SubmitQualityEstimateJobAsync(Request());
        emu.Emulator.Faults.Enqueue(EmulatorFault.HtmlGateway(502, "GET"));
        emu.Emulator.Faults.Enqueue(EmulatorFault.HtmlGateway(504, "GET"));

        var job = await client.GetJobAsync(submitted.JobId);

        Assert.Equal(submitted.JobId, job.JobId);
        Assert.Equal(2, logs.Count(Retrying, "GetJob"));
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Submit_HtmlGatewayPageWithoutClientTokens_OutcomeUnknownWithThePage()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.HtmlGateway(502, "POST"));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => emu.Client(NewClock()).SubmitQualityEstimateJobAsync(Request()));

        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
        Assert.Equal(502, ex.Status);
        Assert.Null(Assert.IsType<CosServiceException>(ex.InnerException).ErrorCode);
        Assert.Contains("html", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_HtmlGatewayPageWithClientTokens_ExactlyOneJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.Faults.Enqueue(EmulatorFault.HtmlGateway(502, "POST"));

        var job = await emu.Client(NewClock(), useClientTokens: true).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
    }

    // ---- clock skew ----

    [Theory]
    [InlineData(20)]
    [InlineData(-20)]
    public async Task Submit_ClockSkewed20Minutes_CorrectedOnceAndOneJob(int minutes)
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var client = emu.Client(NewClock(TimeSpan.FromMinutes(minutes)), logs);

        var first = await client.SubmitQualityEstimateJobAsync(Request());
        var second = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/second.mp4"));

        Assert.Equal(new[] { first.JobId, second.JobId }, emu.Emulator.GetJobsSnapshot().Select(j => j.JobId));
        Assert.Equal(1, logs.Count(ClockSkewCorrected));
        Assert.Equal(3, logs.Count(RequestStarting, "SubmitJob"));
    }

    [Fact]
    public async Task Submit_ClockAheadThenDropAfterProcessing_ReconcilesOnTheCorrectedClockToOneJob()
    {
        // Regression: the reconciliation window was computed from the uncorrected clock (20 min ahead), so the job the
        // dropped attempt created was outside it, reconciliation "proved" no job, and the resend created a duplicate.
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        emu.Emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "POST")); // the first (skewed) POST passes untouched
        emu.Emulator.Faults.Enqueue(EmulatorFault.DropAfterProcessing("POST"));

        var job = await emu.Client(NewClock(TimeSpan.FromMinutes(20)), logs, useClientTokens: true).SubmitQualityEstimateJobAsync(Request());

        Assert.Equal(1, logs.Count(ClockSkewCorrected));
        Assert.Equal(Assert.Single(emu.Emulator.GetJobsSnapshot()).JobId, job.JobId);
        Assert.Equal(1, logs.Count(SubmitReconciled));
    }

    // ---- credentials ----

    private static TemporaryCosCredential Temporary(int n, DateTimeOffset expiresAt) =>
        new(new CosCredential($"AKIDTEMP{n:D24}", $"tempSecretKey{n:D19}", $"session-token-{n}"), expiresAt);

    [Fact]
    public async Task Submit_CredentialRevokedMidRun_RefreshedOnceAndSucceeds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var issued = new[] { Temporary(1, TestEmulator.Start.AddHours(1)), Temporary(2, TestEmulator.Start.AddHours(1)) };
        foreach (var credential in issued)
        {
            emu.Emulator.AddCredential(credential.Credential, credential.ExpiresAt);
        }

        var fetches = 0;
        var provider = new RefreshingCosCredentialProvider(_ => Task.FromResult(issued[Interlocked.Increment(ref fetches) - 1]), emu.Time);
        var client = emu.Client(emu.Time, logs, credentialProvider: provider);
        var first = await client.SubmitQualityEstimateJobAsync(Request());

        emu.Emulator.RevokeCredential(issued[0].Credential.SecretId);
        var second = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/second.mp4"));

        Assert.Equal(new[] { first.JobId, second.JobId }, emu.Emulator.GetJobsSnapshot().Select(j => j.JobId));
        Assert.Equal(2, fetches);
        Assert.Equal(1, logs.Count(CredentialRefreshing, "ExpiredToken"));
        Assert.Same(issued[1], provider.Current);
    }

    [Fact]
    public async Task Submit_CredentialExpiresEarlierThanAnnounced_RefreshedOnceAndSucceeds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();

        // The service stops accepting the first credential after 10 minutes although it was announced for an hour.
        var issued = new[] { Temporary(1, TestEmulator.Start.AddHours(1)), Temporary(2, TestEmulator.Start.AddHours(2)) };
        emu.Emulator.AddCredential(issued[0].Credential, TestEmulator.Start.AddMinutes(10));
        emu.Emulator.AddCredential(issued[1].Credential, issued[1].ExpiresAt);
        var fetches = 0;
        var provider = new RefreshingCosCredentialProvider(_ => Task.FromResult(issued[Interlocked.Increment(ref fetches) - 1]), emu.Time);
        var client = emu.Client(emu.Time, logs, credentialProvider: provider);
        var first = await client.SubmitQualityEstimateJobAsync(Request());

        emu.Time.Advance(TimeSpan.FromMinutes(11));
        var second = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/second.mp4"));

        Assert.Equal(new[] { first.JobId, second.JobId }, emu.Emulator.GetJobsSnapshot().Select(j => j.JobId));
        Assert.Equal(2, fetches);
        Assert.Equal(1, logs.Count(CredentialRefreshing));
    }

    [Fact]
    public async Task Submit_CredentialRejectedTwice_ExpiredTokenAndNoJob()
    {
        await using var emu = await TestEmulator.StartAsync();
        var logs = new CapturingLoggerFactory();
        var fetches = 0;

        // Every credential the fetch returns has already been revoked by the service.
        var provider = new RefreshingCosCredentialProvider(
            _ =>
            {
                var credential = Temporary(Interlocked.Increment(ref fetches), TestEmulator.Start.AddHours(1));
                emu.Emulator.AddCredential(credential.Credential);
                emu.Emulator.RevokeCredential(credential.Credential.SecretId);
                return Task.FromResult(credential);
            },
            emu.Time);

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => emu.Client(emu.Time, logs, credentialProvider: provider).SubmitQualityEstimateJobAsync(Request()));

        Assert.Equal(403, ex.Status);
        Assert.Equal("ExpiredToken", ex.ErrorCode);
        Assert.Equal(2, fetches);
        Assert.Equal(1, logs.Count(CredentialRefreshing));
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
        Assert.DoesNotContain("tempSecretKey", ex.ToString(), StringComparison.Ordinal);
    }
}
