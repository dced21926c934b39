using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Time.Testing;

namespace CosQualityEstimate.Emulator.Tests;

public class SignatureTests
{
    [Fact]
    public async Task SubmitJob_WrongSecretKey_ReturnsSignatureDoesNotMatch()
    {
        await using var emu = await TestEmulator.StartAsync();
        var client = emu.CreateClient(new CosCredential(emu.Emulator.Credential.SecretId, "not-the-secret"));

        var ex = await Assert.ThrowsAsync<CosServiceException>(() => client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4")));

        Assert.Equal(403, ex.Status);
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.StartsWith("emu-", ex.RequestId);
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Request_ExpiredKeyTime_ReturnsAccessDeniedRequestHasExpired()
    {
        await using var emu = await TestEmulator.StartAsync();
        var now = emu.Time.GetUtcNow();

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", keyStart: now.AddMinutes(-5), keyEnd: now.AddMinutes(-1));

        Assert.Equal(403, response.Status);
        Assert.Equal("AccessDenied", response.ErrorCode);
        Assert.Equal("Request has expired", response.Xml.Element("Message")!.Value);
    }

    [Fact]
    public async Task SubmitJob_ClientClockOneHourAhead_ReturnsRequestTimeTooSkewed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var start = emu.Time.GetUtcNow().AddHours(1);

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", keyStart: start, keyEnd: start.AddMinutes(10));

        Assert.Equal(403, response.Status);
        Assert.Equal("RequestTimeTooSkewed", response.ErrorCode);
    }

    [Fact]
    public async Task SubmitJob_JobsClientClockOneHourAhead_CorrectsFromTheDateHeaderAndSucceedsOnce()
    {
        await using var emu = await TestEmulator.StartAsync();
        var client = emu.CreateClient(clientTime: new FakeTimeProvider(TestEmulator.Start.AddHours(1)));

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));

        Assert.False(string.IsNullOrEmpty(job.JobId));
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Request_ClientClockOneHourBehind_ReturnsRequestTimeTooSkewed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var start = emu.Time.GetUtcNow().AddHours(-1);

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", keyStart: start, keyEnd: start.AddMinutes(10));

        Assert.Equal("RequestTimeTooSkewed", response.ErrorCode);
    }

    [Fact]
    public async Task Request_LongValidityWindowStartedAnHourAgo_IsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var start = emu.Time.GetUtcNow().AddHours(-1);

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", keyStart: start, keyEnd: start.AddHours(12));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task CancelJob_CancelParameterNotSigned_ReturnsSignatureDoesNotMatch()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = await emu.SubmitJobIdAsync("input/demo.mp4");

        var response = await emu.SendAsync(HttpMethod.Put, "/jobs/" + id + "?cancel", signedQuery: q => q.Where(p => p.Key != "cancel").ToList());

        Assert.Equal(403, response.Status);
        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
        Assert.Equal("Submitted", (await emu.GetJobsAsync(id)).StateOf());
    }

    [Fact]
    public async Task Request_SignedParameterMissingFromQuery_ReturnsSignatureDoesNotMatch()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(
            HttpMethod.Get,
            "/jobs?tag=QualityEstimate",
            signedQuery: q => q.Append(new("size", "5")).ToList());

        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
    }

    [Fact]
    public async Task Request_TamperedQueryValue_ReturnsSignatureDoesNotMatch()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(
            HttpMethod.Get,
            "/jobs?tag=QualityEstimate&size=5",
            signedQuery: q => q.Select(p => p.Key == "size" ? new KeyValuePair<string, string>("size", "6") : p).ToList());

        Assert.Equal("SignatureDoesNotMatch", response.ErrorCode);
    }

    [Fact]
    public async Task Request_NoAuthorization_ReturnsAccessDenied()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", sign: false);

        Assert.Equal(403, response.Status);
        Assert.Equal("AccessDenied", response.ErrorCode);
    }

    [Fact]
    public async Task Request_GarbledAuthorization_ReturnsAccessDenied()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", sign: false, configure: r => r.Headers.TryAddWithoutValidation("Authorization", "q-sign-algorithm=md5&q-ak=x"));

        Assert.Equal("AccessDenied", response.ErrorCode);
    }

    [Fact]
    public async Task Request_UnknownSecretId_ReturnsInvalidAccessKeyId()
    {
        await using var emu = await TestEmulator.StartAsync();

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", credential: new CosCredential("AKIDUNKNOWN", "whatever"));

        Assert.Equal(403, response.Status);
        Assert.Equal("InvalidAccessKeyId", response.ErrorCode);
    }

    [Fact]
    public async Task Request_SessionCredentialWithoutToken_ReturnsInvalidToken()
    {
        await using var emu = await TestEmulator.StartAsync();
        var temporary = new CosCredential("AKIDTEMP", "tempKey", "session-token-1");
        emu.Emulator.AddCredential(temporary);

        var missing = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", credential: temporary);
        var wrong = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", credential: temporary, configure: r => r.Headers.Add("x-cos-security-token", "other"));

        Assert.Equal(400, missing.Status);
        Assert.Equal("InvalidToken", missing.ErrorCode);
        Assert.Equal("InvalidToken", wrong.ErrorCode);
    }

    [Theory]
    [InlineData("x-cos-security-token")]
    [InlineData("x-ci-security-token")]
    public async Task SubmitJob_SessionCredentialWithToken_Succeeds(string header)
    {
        await using var emu = await TestEmulator.StartAsync();
        var temporary = new CosCredential("AKIDTEMP", "tempKey", "session-token-1");
        emu.Emulator.AddCredential(temporary, TestEmulator.Start.AddHours(1));

        var job = await emu.CreateClient(temporary, sessionTokenHeader: header).SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));

        Assert.Equal(JobState.Submitted, job.State);
    }

    [Fact]
    public async Task Request_CredentialPastExpiry_ReturnsExpiredToken()
    {
        await using var emu = await TestEmulator.StartAsync();
        var temporary = new CosCredential("AKIDTEMP", "tempKey");
        emu.Emulator.AddCredential(temporary, TestEmulator.Start.AddMinutes(30));
        emu.Time.Advance(TimeSpan.FromMinutes(31));

        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", credential: temporary);

        Assert.Equal("ExpiredToken", response.ErrorCode);
    }

    [Fact]
    public async Task Request_RevokedCredential_ReturnsExpiredToken()
    {
        await using var emu = await TestEmulator.StartAsync();
        var extra = new CosCredential("AKIDEXTRA", "extraKey");
        emu.Emulator.AddCredential(extra);
        Assert.Equal(200, (await emu.SendAsync(HttpMethod.Get, "/jobs/j1", credential: extra)).Status);

        emu.Emulator.RevokeCredential("AKIDEXTRA");
        var response = await emu.SendAsync(HttpMethod.Get, "/jobs/j1", credential: extra);

        Assert.Equal("ExpiredToken", response.ErrorCode);
    }

    [Fact]
    public async Task Request_VerifySignaturesDisabled_AcceptsUnsignedRequest()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.VerifySignatures = false);

        var response = await emu.SendAsync(HttpMethod.Post, "/jobs", TestEmulator.SubmitBody("input/demo.mp4"), sign: false);

        Assert.Equal(200, response.Status);
    }
}
