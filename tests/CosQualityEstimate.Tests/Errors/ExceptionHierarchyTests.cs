using System.Net;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Tests.Errors;

/// <summary>
/// Each failure surfaces as the one exception type that <c>docs/errors-and-retries.md</c> names for it, so each
/// <c>catch</c> a caller writes means one thing. The service is a stub handler on the client's own HttpClient.
/// </summary>
public sealed class ExceptionHierarchyTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_764_057_600);

    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return respond(request, cancellationToken);
        }
    }

    private static JobsClient Client(StubHandler handler, bool useClientTokens = false) => new(
        new HttpClient(handler),
        new JobsClientOptions
        {
            Bucket = "examplebucket-1250000000",
            Region = "ap-beijing",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credential = new CosCredential("AKIDhierarchy0000000000000000000", "hierarchySecret000000000000000000"),
            TimeProvider = new AutoAdvanceTimeProvider(Start),
            UseClientTokens = useClientTokens,
        });

    private static Task<HttpResponseMessage> Xml(HttpStatusCode status, string body) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/xml") });

    [Fact]
    public void PublicExceptions_AllDeriveFromCosException_AndOnlyServiceAnswersFromCosServiceException()
    {
        var exceptions = typeof(JobsClient).Assembly.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        Assert.Equal(13, exceptions.Count); // includes CosDataIntegrityException (uploads) and CosResponseTooLargeException (snapshots)
        Assert.All(exceptions, t => Assert.True(typeof(CosException).IsAssignableFrom(t), t.Name + " must derive from CosException"));
        Assert.All(exceptions, t => Assert.Equal("CosQualityEstimate", t.Namespace));
        Assert.True(typeof(CosException).IsAbstract);
        var serviceAnswers = exceptions.Where(t => typeof(CosServiceException).IsAssignableFrom(t)).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "CosServiceException", "JobCancellationRefusedException", "JobNotFoundException" }, serviceAnswers);
    }

    [Fact]
    public async Task GetJob_ServiceError_IsCosServiceExceptionWithStatus()
    {
        var handler = new StubHandler((_, _) => Xml(HttpStatusCode.Forbidden, "<Error><Code>AccessDenied</Code><Message>no</Message><RequestId>r-1</RequestId></Error>"));

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => Client(handler).GetJobAsync("j1"));

        Assert.Equal(403, ex.Status);
        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Equal("r-1", ex.RequestId);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task GetJob_ConnectionResetOnEveryAttempt_IsCosTransportExceptionWithTheLastFailureInside()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset"));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => Client(handler).GetJobAsync("j1"));

        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpRequestException>(ex.InnerException).HttpRequestError);
        Assert.Equal(0, ex.Status);
        Assert.False(ex.IsTimeout);
        Assert.Equal("GetJob", ex.Operation);
        Assert.Equal(4, handler.Calls); // the first attempt and MaxRetries (3) retries
    }

    [Fact]
    public async Task GetJob_IOExceptionOnEveryAttempt_IsCosTransportException()
    {
        var handler = new StubHandler((_, _) => throw new IOException("broken pipe"));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => Client(handler).GetJobAsync("j1"));

        Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal(4, handler.Calls);
    }

    [Fact]
    public async Task GetJob_CancellationTheCallerDidNotAskFor_IsCosTransportExceptionMarkedAsTimeout()
    {
        // What HttpClient.Timeout throws: a TaskCanceledException around a TimeoutException, the caller's token untouched.
        var handler = new StubHandler((_, _) => throw new TaskCanceledException("HttpClient.Timeout", new TimeoutException()));

        var ex = await Assert.ThrowsAsync<CosTransportException>(() => Client(handler).GetJobAsync("j1"));

        Assert.True(ex.IsTimeout);
        Assert.IsType<TaskCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task GetJob_CallerCancels_IsOperationCanceledExceptionNotWrapped()
    {
        using var cts = new CancellationTokenSource();
        var handler = new StubHandler((_, _) =>
        {
            cts.Cancel();
            throw new TaskCanceledException("canceled", null, cts.Token);
        });

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(handler).GetJobAsync("j1", cts.Token));

        Assert.IsNotAssignableFrom<CosException>(ex);
    }

    [Fact]
    public async Task GetJob_UnreadableAnswer_IsCosResponseFormatExceptionNotAServiceError()
    {
        var handler = new StubHandler((_, _) => Xml(HttpStatusCode.OK, "<Response><JobsDetail><JobId>j1</Job"));

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => Client(handler).GetJobAsync("j1"));

        Assert.IsNotAssignableFrom<CosServiceException>(ex);
        Assert.Equal(200, ex.Status);
    }

    [Fact]
    public async Task Submit_ResetAfterSending_IsSubmitOutcomeUnknownWithTheTransportFailureInside()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset"));

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => Client(handler).SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.IsNotAssignableFrom<CosServiceException>(ex);
        var transport = Assert.IsType<CosTransportException>(ex.InnerException);
        Assert.IsType<HttpRequestException>(transport.InnerException);
        Assert.Equal(0, ex.Status);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task EstimateQuality_JobFailed_IsJobFailedExceptionNotAServiceError()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Xml(HttpStatusCode.OK, "<Response><JobsDetail><JobId>j1</JobId><State>Submitted</State><Tag>QualityEstimate</Tag></JobsDetail></Response>")
            : Xml(HttpStatusCode.OK, "<Response><JobsDetail><JobId>j1</JobId><State>Failed</State><Code>InvalidInput</Code><Message>bad</Message><Tag>QualityEstimate</Tag></JobsDetail></Response>"));

        var ex = await Assert.ThrowsAsync<JobFailedException>(() => Client(handler).EstimateQualityAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.IsNotAssignableFrom<CosServiceException>(ex);
        Assert.Equal(JobState.Failed, ex.State);
        Assert.Equal("InvalidInput", ex.Code);
        Assert.Equal("j1", ex.JobId);
    }

    [Fact]
    public async Task EstimateQuality_JobCanceled_IsJobFailedExceptionWithCanceledState()
    {
        var handler = new StubHandler((request, _) => request.Method == HttpMethod.Post
            ? Xml(HttpStatusCode.OK, "<Response><JobsDetail><JobId>j1</JobId><State>Submitted</State><Tag>QualityEstimate</Tag></JobsDetail></Response>")
            : Xml(HttpStatusCode.OK, "<Response><JobsDetail><JobId>j1</JobId><State>Cancel</State><Tag>QualityEstimate</Tag></JobsDetail></Response>"));

        var ex = await Assert.ThrowsAsync<JobFailedException>(() => Client(handler).EstimateQualityAsync(new QualityEstimateJobRequest("a.mp4")));

        Assert.Equal(JobState.Canceled, ex.State);
    }

    [Fact]
    public void CallbackParse_Garbage_IsJobCallbackFormatExceptionAndACosException()
    {
        var ex = Assert.Throws<JobCallbackFormatException>(() => JobCallback.Parse("<nope"));

        Assert.IsAssignableFrom<CosException>(ex);
    }

    [Fact]
    public void Exceptions_HaveNoPublicTypeOutsideTheRootNamespace()
    {
        var stray = typeof(JobsClient).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && t.Namespace != "CosQualityEstimate")
            .Select(t => t.FullName);

        Assert.Empty(stray);
        Assert.NotNull(typeof(JobsClient).Assembly.GetType("CosQualityEstimate.JobWaitTimeoutException"));
        Assert.NotNull(typeof(JobsClient).Assembly.GetType("CosQualityEstimate.CosCredentialUnavailableException"));
    }
}
