using System.Text;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.Serialization;
using CosQualityEstimate.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CosQualityEstimate.Tests.Jobs;

/// <summary>What the service receives for a submit, and how each kind of answer is surfaced. WireMock stands in for the CI endpoint on 127.0.0.1.</summary>
public sealed class SubmitJobContractTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);
    private readonly WireMockService _service = new();

    public void Dispose() => _service.Dispose();

    private void RespondToSubmit(int status, string body, string contentType = "application/xml", string? requestId = "NTk0MjdmODlfMjQ4OGY3XzYzYzhf****")
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        if (requestId is not null)
        {
            response = response.WithHeader("x-ci-request-id", requestId);
        }

        _service.Server.Given(Request.Create().WithPath("/jobs").UsingPost()).RespondWith(response);
    }

    [Fact]
    public async Task Submit_SeedRequest_SendsTheDocumentsRequestExactly()
    {
        RespondToSubmit(200, Fixture.Text("seed-submit-response.xml"));
        var client = _service.CreateClient(new FakeTimeProvider(Now));

        await client.SubmitQualityEstimateJobAsync(JobRequestSerializationTests.SeedRequest());

        var received = Assert.Single(_service.Requests).RequestMessage;
        Assert.Equal("POST", received.Method);
        Assert.Equal("/jobs", received.Path);
        Assert.True(string.IsNullOrEmpty(received.RawQuery));
        Assert.Equal("application/xml", received.Headers!["Content-Type"].Single());
        Assert.Equal(Fixture.Compact(Fixture.Text("seed-submit-request.xml")), Encoding.UTF8.GetString(received.BodyAsBytes!));
        Assert.Equal(received.BodyAsBytes!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Headers["Content-Length"].Single());
        Assert.Equal($"127.0.0.1:{_service.Endpoint.Port}", received.Headers["Host"].Single());
        Assert.StartsWith("cos-quality-estimate-dotnet/", received.Headers["User-Agent"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Always_CarriesASignatureAnIndependentVerifierAccepts()
    {
        RespondToSubmit(200, Fixture.Text("seed-submit-response.xml"));
        var client = _service.CreateClient(new FakeTimeProvider(Now));

        await client.SubmitQualityEstimateJobAsync(JobRequestSerializationTests.SeedRequest());

        var received = Assert.Single(_service.Requests).RequestMessage;
        var authorization = received.Headers!["Authorization"].Single();
        var headers = received.Headers.ToDictionary(h => h.Key, h => h.Value.Single(), StringComparer.OrdinalIgnoreCase);
        Assert.True(ReferenceSigner.Verify(WireMockService.Credential, authorization, "POST", "/jobs", [], headers));
        Assert.Contains("q-header-list=content-length;content-type;host&", authorization, StringComparison.Ordinal);
        Assert.Contains("q-key-time=1700000000;1700000600&", authorization, StringComparison.Ordinal);
        Assert.DoesNotContain(WireMockService.Credential.SecretKey, authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_TemporaryCredential_SendsAndSignsTheSessionToken()
    {
        RespondToSubmit(200, Fixture.Text("seed-submit-response.xml"));
        var credential = new CosCredential("AKIDtemporary000000000000000000", "temporarySecret0000000000000000", "token+/with=chars");
        var client = _service.CreateClient(new FakeTimeProvider(Now), credential);

        await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4"));

        var received = Assert.Single(_service.Requests).RequestMessage;
        var headers = received.Headers!.ToDictionary(h => h.Key, h => h.Value.Single(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("token+/with=chars", headers["x-cos-security-token"]);
        Assert.Contains("x-cos-security-token", headers["Authorization"], StringComparison.Ordinal);
        Assert.True(ReferenceSigner.Verify(credential, headers["Authorization"], "POST", "/jobs", [], headers));
    }

    [Fact]
    public async Task Submit_TwoCallsAcrossTheReuseWindow_SignEachWithAFreshKeyTime()
    {
        RespondToSubmit(200, Fixture.Text("seed-submit-response.xml"));
        var time = new FakeTimeProvider(Now);
        var client = _service.CreateClient(time);

        await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4"));
        time.Advance(TimeSpan.FromMinutes(6)); // past half of the 10-minute validity
        await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("a.mp4"));

        var authorizations = _service.Requests.Select(r => r.RequestMessage.Headers!["Authorization"].Single()).ToList();
        Assert.Contains("q-key-time=1700000000;1700000600", authorizations[0], StringComparison.Ordinal);
        Assert.Contains("q-key-time=1700000360;1700000960", authorizations[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SeedResponse_ReturnsTheTypedJob()
    {
        RespondToSubmit(200, Fixture.Text("seed-submit-response.xml"));
        var client = _service.CreateClient();

        var job = await client.SubmitQualityEstimateJobAsync(JobRequestSerializationTests.SeedRequest());

        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", job.JobId);
        Assert.Equal(JobState.Submitted, job.State);
        Assert.Equal("QualityEstimate", job.Tag);
        Assert.Equal(QualityEstimateMode.VqaPlus, job.Settings!.Mode);
    }

    [Fact]
    public async Task Submit_ServiceErrorXml_ThrowsServiceExceptionWithAllFields()
    {
        RespondToSubmit(400, "<Error><Code>InvalidArgument</Code><Message>Rotate is invalid</Message><RequestId>NjI0ZTM1_1</RequestId><TraceId>OGVmYzZiMmQ_trace</TraceId></Error>");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.Equal(400, ex.Status);
        Assert.Equal("InvalidArgument", ex.ErrorCode);
        Assert.Equal("Rotate is invalid", ex.ServiceMessage);
        Assert.Equal("NjI0ZTM1_1", ex.RequestId);
        Assert.Equal("OGVmYzZiMmQ_trace", ex.TraceId);
        Assert.Contains("InvalidArgument", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ErrorWithoutRequestIdInBody_TakesItFromTheHeader()
    {
        RespondToSubmit(403, "<Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>", requestId: "hdr-req-1");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.Equal(403, ex.Status);
        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Equal("hdr-req-1", ex.RequestId);
    }

    [Fact]
    public async Task Submit_GatewayHtmlPage_ThrowsServiceExceptionWithStatus()
    {
        RespondToSubmit(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html", requestId: null);
        var client = _service.CreateClient();

        // A gateway error on a submit leaves the outcome unknown: surfaced (not resent) with the status.
        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.IsType<CosServiceException>(ex.InnerException);
        Assert.Equal(502, ex.Status);
        Assert.Null(Assert.IsType<CosServiceException>(ex.InnerException).ErrorCode);
        Assert.Contains("502 Bad Gateway", Assert.IsType<CosServiceException>(ex.InnerException).ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_EmptyErrorBody_ThrowsServiceExceptionWithStatus()
    {
        RespondToSubmit(503, string.Empty, requestId: "r-503");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.Equal(503, ex.Status);
        Assert.Equal("r-503", ex.RequestId);
        Assert.Contains("empty body", Assert.IsType<CosServiceException>(ex.InnerException).ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_TruncatedSuccessBody_ThrowsFormatExceptionThatKeepsTheJobId()
    {
        RespondToSubmit(200, "<Response><JobsDetail><Code>Success</Code><JobId>j229ed9e2f60c11ec8525e36307395bf9</JobId><State>Subm");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<CosResponseFormatException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.Equal(200, ex.Status);
        Assert.Equal("j229ed9e2f60c11ec8525e36307395bf9", ex.JobId);
        Assert.Contains("<Response><JobsDetail>", ex.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_SuccessWithoutJobsDetail_ThrowsFormatException()
    {
        RespondToSubmit(200, "<Response></Response>");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.Equal(200, ex.Status);
        Assert.IsType<CosResponseFormatException>(ex.InnerException);
        Assert.Contains("no JobsDetail/JobId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ServiceError_ExceptionNeverContainsSecretsOrSignature()
    {
        RespondToSubmit(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>");
        var credential = new CosCredential("AKIDsecretsTest0000000000000000", "verySecretKeyValue000000000000", "sessionTokenValue0000");
        var client = _service.CreateClient(credential: credential);

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        var authorization = _service.Requests.Single().RequestMessage.Headers!["Authorization"].Single();
        var signature = authorization[(authorization.IndexOf("q-signature=", StringComparison.Ordinal) + 12)..];
        var text = ex.ToString();
        Assert.DoesNotContain("verySecretKeyValue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sessionTokenValue", text, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ServerError_IsNotResent()
    {
        RespondToSubmit(500, "<Error><Code>InternalError</Code><Message>boom</Message></Error>");
        var client = _service.CreateClient();

        var ex = await Assert.ThrowsAsync<SubmitOutcomeUnknownException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4")));

        Assert.Equal(500, ex.Status);
        Assert.Equal("InternalError", Assert.IsType<CosServiceException>(ex.InnerException).ErrorCode);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task Submit_CancelledToken_ThrowsOperationCanceledAndSendsNothing()
    {
        RespondToSubmit(200, Fixture.Text("seed-submit-response.xml"));
        var client = _service.CreateClient();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SubmitQualityEstimateJobAsync(new("a.mp4"), cts.Token));

        Assert.Empty(_service.Requests);
    }
}
