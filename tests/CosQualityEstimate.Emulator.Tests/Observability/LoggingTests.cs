using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CosQualityEstimate.Emulator.Tests.Observability;

public class LoggingTests
{
    private static readonly CosCredential Temporary = new(
        "AKIDTEMPORARY000000000000000000001",
        "temporarySecretKey-9f8e7d6c5b4a3210",
        "sessionToken-0123456789abcdef-0123456789abcdef");

    [Fact]
    public async Task FullFlow_TraceLevel_LogsStatusRequestIdAndJobIdButNoSecret()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddCredential(Temporary);
        using var logs = new FakeLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var capture = new HeaderCaptureHandler(new SocketsHttpHandler());
        using var http = new HttpClient(capture);
        var client = new JobsClient(http, new JobsClientOptions
        {
            Bucket = emu.Emulator.Bucket,
            Region = emu.Emulator.Region,
            Endpoint = emu.Emulator.Endpoint,
            Credential = Temporary,
            TimeProvider = emu.Time,
            LoggerFactory = loggerFactory,
        });

        var job = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/demo.mp4"));
        var other = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("input/other.mp4"));
        Assert.Equal(JobState.Submitted, (await client.GetJobAsync(job.JobId)).State);
        var page = await client.GetJobsPageAsync(new ListJobsOptions());
        Assert.Equal(2, page.Jobs.Count);
        await client.CancelJobAsync(other.JobId);
        emu.Time.Advance(TimeSpan.FromSeconds(3));
        emu.Emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", "0", "GET"));
        var done = await client.WaitForCompletionAsync(job.JobId);
        Assert.Equal(JobState.Success, done.State);
        Assert.Equal(1, emu.Emulator.Faults.InjectedCount);

        var records = logs.Collector.GetSnapshot();

        // (a) start, completion, failure, retry and job events, with status, duration and request id.
        Assert.Contains(records, r => r.Id.Name == "RequestStarting" && Value(r, "Operation") == "SubmitJob" && Value(r, "Attempt") == "0");
        Assert.Contains(records, r => r.Id.Name == "RequestStarting" && Value(r, "Operation") == "GetJob" && Value(r, "Attempt") == "1");
        var completed = records.Where(r => r.Id.Name == "RequestCompleted").ToList();
        Assert.Equal(["SubmitJob", "SubmitJob", "GetJob", "ListJobs", "CancelJob", "GetJob"], completed.Select(r => Value(r, "Operation")));
        Assert.All(completed, r =>
        {
            Assert.Equal("200", Value(r, "Status"));
            Assert.False(string.IsNullOrEmpty(Value(r, "RequestId")));
            Assert.NotNull(Value(r, "DurationMs"));
        });
        var failed = Assert.Single(records, r => r.Id.Name == "RequestFailed");
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal("503", Value(failed, "Status"));
        Assert.Equal("ServiceUnavailable", Value(failed, "ErrorCode"));
        Assert.False(string.IsNullOrEmpty(Value(failed, "RequestId")));
        var retry = Assert.Single(records, r => r.Id.Name == "Retrying");
        Assert.Equal("GetJob", Value(retry, "Operation"));
        Assert.Equal("503", Value(retry, "Status"));
        Assert.Equal(Value(failed, "RequestId"), Value(retry, "RequestId"));
        Assert.Equal("1", Value(retry, "Retry"));
        var submitted = records.Where(r => r.Id.Name == "JobSubmitted").ToList();
        Assert.Equal([job.JobId, other.JobId], submitted.Select(r => Value(r, "JobId")));
        Assert.All(submitted, r => Assert.Contains(Value(r, "JobId")!, r.Message));
        Assert.Equal(completed[0].StructuredState!.Single(p => p.Key == "RequestId").Value, Value(submitted[0], "RequestId"));
        var jobCompleted = Assert.Single(records, r => r.Id.Name == "JobCompleted");
        Assert.Equal(job.JobId, Value(jobCompleted, "JobId"));
        Assert.Equal("Success", Value(jobCompleted, "State"));

        // (b) nothing logged carries a secret or what was actually sent as Authorization / session token.
        var sent = capture.Sent.ToList();
        Assert.Contains(sent, v => v.Contains("q-signature=", StringComparison.Ordinal));
        Assert.Contains(Temporary.SessionToken!, sent);
        var signatures = sent.Select(SignatureOf).Where(s => s.Length > 0);
        SecretScanner.AssertNoSecrets(
            records,
            [Temporary.SecretKey, Temporary.SessionToken!, "q-signature", "q-sign-algorithm", "q-key-time", .. sent, .. signatures]);
    }

    private static string? Value(FakeLogRecord record, string key) =>
        record.StructuredState?.FirstOrDefault(p => p.Key == key).Value;

    private static string SignatureOf(string authorization)
    {
        const string Marker = "q-signature=";
        var at = authorization.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? string.Empty : authorization[(at + Marker.Length)..].Split('&')[0];
    }
}
