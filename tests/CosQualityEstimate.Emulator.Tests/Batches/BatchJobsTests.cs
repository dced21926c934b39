using System.IO.Compression;
using System.Text;
using CosQualityEstimate.Emulator.Faults;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;

namespace CosQualityEstimate.Emulator.Tests.Batches;

/// <summary>The library's <see cref="BatchJobsClient"/> against the emulator's <c>/inventorytriggerjob</c> (fake clock).</summary>
public class BatchJobsTests
{
    private static readonly JobPollingOptions FastPolling = new() { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>Canned results on any uploaded bytes (the objects here are not media), so every job's timeline is on the fake clock.</summary>
    private static void Simulated(CosEmulatorOptions options) => options.LocalAnalysis = false;

    [Fact]
    public async Task Create_OverPrefix_FansOutIntoOneQualityEstimateJobPerObject_AndEndsInSuccess()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "videos/a.mp4", "videos/b.mp4", "videos/c.mp4", "other/d.mp4");
        using var client = emu.CreateClient();

        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("qe-prefix-1", BatchJobInput.FromPrefix("videos/")) { UserData = "u1" });

        Assert.StartsWith("b", batch.JobId);
        Assert.Equal("qe-prefix-1", batch.Name);
        Assert.Equal(JobState.Submitted, batch.State);
        Assert.Equal("videos/", batch.Input!.Prefix);
        Assert.Equal("QualityEstimate", batch.Tag);
        Assert.Equal(1, emu.Emulator.BatchCount);
        Assert.Equal(3, emu.Emulator.SubmittedJobCount);

        emu.Time.Advance(TimeSpan.FromSeconds(10));
        var ended = await client.Batches.GetBatchAsync(batch.JobId);
        Assert.Equal(JobState.Success, ended.State);
        Assert.Equal("100%", ended.Progress);
        Assert.NotNull(ended.EndTime);

        var jobs = new List<JobDetail>();
        await foreach (var job in client.Batches.ListBatchJobsAsync(batch.JobId))
        {
            jobs.Add(job);
        }

        Assert.Equal(new[] { "videos/a.mp4", "videos/b.mp4", "videos/c.mp4" }, jobs.Select(j => j.Input!.ObjectKey).ToArray());
        Assert.All(jobs, j => Assert.Equal(JobState.Success, j.State));
        Assert.All(jobs, j => Assert.Equal("u1", j.UserData));
        Assert.All(jobs, j => Assert.NotNull(j.QualityEstimate?.Score));
    }

    [Fact]
    public async Task ListBatchJobs_OnlyThatBatchsJobs_AcrossPages()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, Enumerable.Range(0, 150).Select(i => $"many/{i:D3}.mp4").ToArray());
        await PutAsync(emu, "few/x.mp4");
        using var client = emu.CreateClient();
        var many = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("many", BatchJobInput.FromPrefix("many/")));
        var few = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("few", BatchJobInput.FromPrefix("few/")));
        await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("many/000.mp4"));

        var pages = new List<JobsPage>();
        await foreach (var page in client.Batches.ListBatchJobsAsync(many.JobId).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(new[] { 100, 50 }, pages.Select(p => p.Jobs.Count).ToArray());
        Assert.Equal(150, pages.SelectMany(p => p.Jobs).Select(j => j.JobId).Distinct().Count());
        var fewJobs = new List<JobDetail>();
        await foreach (var job in client.Batches.ListBatchJobsAsync(few.JobId))
        {
            fewJobs.Add(job);
        }

        Assert.Equal("few/x.mp4", Assert.Single(fewJobs).Input!.ObjectKey);
    }

    [Fact]
    public async Task ForgetJobs_KeepsTheJobsOfABatch_ForgetsOnlyDirectSubmits()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "kept/a.mp4", "kept/b.mp4");
        using var client = emu.CreateClient();
        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("kept", BatchJobInput.FromPrefix("kept/")));
        var direct = await client.SubmitQualityEstimateJobAsync(new QualityEstimateJobRequest("kept/a.mp4"));

        Assert.Equal(1, emu.Emulator.ForgetJobs());

        Assert.Equal(2, emu.Emulator.StoredJobCount);
        Assert.Equal(3, emu.Emulator.SubmittedJobCount);
        var jobs = new List<JobDetail>();
        await foreach (var job in client.Batches.ListBatchJobsAsync(batch.JobId))
        {
            jobs.Add(job);
        }

        Assert.Equal(new[] { "kept/a.mp4", "kept/b.mp4" }, jobs.Select(j => j.Input!.ObjectKey).ToArray());
        Assert.DoesNotContain(direct.JobId, jobs.Select(j => j.JobId));
        emu.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(JobState.Success, (await client.Batches.GetBatchAsync(batch.JobId)).State);
    }

    [Fact]
    public async Task Operation_WaitsForTheBatchToEnd_OnTheFakeClock()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "w/a.mp4", "w/b.mp4");
        using var client = emu.CreateClient();
        var operation = await client.Batches.StartQualityEstimateBatchAsync(new QualityEstimateBatchRequest("wait-1", BatchJobInput.FromPrefix("w/")));
        Assert.False(operation.HasCompleted);

        // The fake clock moves by exactly the poll's waits, each once the poll has started it (never while a request is
        // in flight), until the batch has ended: no real time decides anything.
        var ended = await emu.Time.DriveAsync(operation.WaitForCompletionAsync(FastPolling));
        Assert.Equal(JobState.Success, ended.State);
        Assert.True(operation.HasCompleted);
        Assert.True(emu.Time.WaitsDriven > 0, "the wait polled more than once on the fake clock");
        var count = 0;
        await foreach (var job in operation.GetJobsAsync())
        {
            count++;
            Assert.Equal(JobState.Success, job.State);
        }

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task GetBatch_Unknown_ThrowsJobNotFound()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        using var client = emu.CreateClient();

        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => client.Batches.GetBatchAsync("b00000000000000000000000000000099"));

        Assert.Equal("b00000000000000000000000000000099", error.JobId);
    }

    [Fact]
    public async Task ListBatches_FiltersByName_AndPages()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "l/a.mp4");
        using var client = emu.CreateClient();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest(name, BatchJobInput.FromPrefix("l/")));
        }

        var pages = new List<Page<BatchJobDetail>>();
        await foreach (var page in client.Batches.ListBatchesAsync(new ListBatchJobsOptions { PageSize = 1, Order = JobSortOrder.Ascending }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(new[] { "one", "two", "three" }, pages.SelectMany(p => p.Values).Select(b => b.Name).ToArray());
        var two = await client.Batches.FindBatchByNameAsync("two");
        Assert.Equal("two", two!.Name);
        Assert.Null(await client.Batches.FindBatchByNameAsync("four"));
    }

    [Fact]
    public async Task Cancel_BeforeJobsStart_CancelsBatchAndItsJobs_AfterEndIsRefused()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "c/a.mp4", "c/b.mp4");
        using var client = emu.CreateClient();
        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("cancel-me", BatchJobInput.FromPrefix("c/")));

        await client.Batches.CancelBatchAsync(batch.JobId);
        emu.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(JobState.Canceled, (await client.Batches.GetBatchAsync(batch.JobId)).State);
        await foreach (var job in client.Batches.ListBatchJobsAsync(batch.JobId))
        {
            Assert.Equal(JobState.Canceled, job.State);
        }

        var done = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("done", BatchJobInput.FromPrefix("c/")));
        emu.Time.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<JobCancellationRefusedException>(() => client.Batches.CancelBatchAsync(done.JobId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Create_AmbiguousFailure_IsLookedUpByName_NeverDuplicated(bool processed)
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "amb/a.mp4");
        using var client = new JobsClient(emu.Http, new JobsClientOptions
        {
            Bucket = emu.Emulator.Bucket,
            Region = emu.Emulator.Region,
            Endpoint = emu.Emulator.Endpoint,
            Credential = emu.Emulator.Credential,
            TimeProvider = emu.Time,
            Retry = { ReconcileDelay = TimeSpan.Zero }, // the fake clock does not move by itself
        });
        emu.Emulator.Faults.Enqueue(processed ? EmulatorFault.DropAfterProcessing("POST") : EmulatorFault.DropBeforeProcessing("POST"));

        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("ambiguous-1", BatchJobInput.FromPrefix("amb/")));

        Assert.Equal("ambiguous-1", batch.Name);
        Assert.Equal(1, emu.Emulator.BatchCount); // found by name (processed) or resent once (proved not created)
        Assert.Equal(1, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task Create_InvalidRequest_ThrowsBeforeAnythingIsSent()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        using var client = emu.CreateClient();

        Assert.Equal("request.Name", Assert.Throws<ArgumentException>(() => { _ = client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("bad name!", BatchJobInput.FromPrefix("p/"))); }).ParamName);
        Assert.Equal("request.Input", Assert.Throws<ArgumentException>(() => { _ = client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("n", new BatchJobInput { Prefix = "p/", ObjectKey = "k" })); }).ParamName);
        Assert.Equal("request.JobLevel", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("n", BatchJobInput.FromPrefix("p/")) { JobLevel = 7 }); }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Batches.ListBatchesAsync(new ListBatchJobsOptions { PageSize = 101 }));
        Assert.Equal(0, emu.Emulator.BatchCount);
    }

    [Fact]
    public async Task Create_FromUrlFileAndManifest_FansOutOverTheListedObjects()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "m/a b.mp4", "m/c.mp4");
        await PutTextAsync(emu, "lists/urls.txt", $"https://{emu.Emulator.Bucket}.cos.{emu.Emulator.Region}.myqcloud.com/m/a%20b.mp4\nhttps://{emu.Emulator.Bucket}.cos.{emu.Emulator.Region}.myqcloud.com/m/c.mp4\n");
        await PutBytesAsync(emu, "inv/data/part-0.csv.gz", Gzip($"\"{emu.Emulator.Bucket}\",\"m/a%20b.mp4\",\"10\"\n\"{emu.Emulator.Bucket}\",\"m/c.mp4\",\"10\"\n"));
        await PutTextAsync(emu, "inv/manifest.json", "{\"fileFormat\":\"CSV\",\"fileSchema\":\"Bucket, Key, Size\",\"files\":[{\"key\":\"inv/data/part-0.csv.gz\"}]}");
        using var client = emu.CreateClient();

        foreach (var input in new[] { BatchJobInput.FromUrlFile("lists/urls.txt"), BatchJobInput.FromManifest("inv/manifest.json") })
        {
            var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("in-" + emu.Emulator.BatchCount, input));
            var keys = new List<string>();
            await foreach (var job in client.Batches.ListBatchJobsAsync(batch.JobId))
            {
                keys.Add(job.Input!.ObjectKey!);
            }

            Assert.Equal(new[] { "m/a b.mp4", "m/c.mp4" }, keys.ToArray());
        }
    }

    [Fact]
    public async Task Create_MissingUrlFile_IsRefusedWithInvalidArgument_AndCreatesNothing()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        using var client = emu.CreateClient();

        var error = await Assert.ThrowsAsync<CosServiceException>(() => client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("nofile", BatchJobInput.FromUrlFile("missing.txt"))));

        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.Equal(0, emu.Emulator.BatchCount);
    }

    [Fact]
    public async Task Create_FromManifestListingAMissingDataFile_EndsFailedWithACode_AndNoJobs()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutTextAsync(emu, "inv/manifest.json", "{\"fileFormat\":\"CSV\",\"fileSchema\":\"Bucket, Key\",\"files\":[{\"key\":\"inv/data/gone.csv\"}]}");
        using var client = emu.CreateClient();

        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("gone", BatchJobInput.FromManifest("inv/manifest.json")));
        var read = await client.Batches.GetBatchAsync(batch.JobId);

        Assert.Equal(JobState.Failed, read.State);
        Assert.Equal("InvalidManifest", read.Code);
        Assert.Contains("inv/data/gone.csv", read.Message, StringComparison.Ordinal);
        Assert.Equal(0, emu.Emulator.SubmittedJobCount);
    }

    [Fact]
    public async Task RawListOfABatchsJobs_WithoutQueueId_IsRefusedWithInvalidArgument()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "q/a.mp4");
        using var client = emu.CreateClient();
        var batch = await client.Batches.CreateQualityEstimateBatchAsync(new QualityEstimateBatchRequest("needs-queue", BatchJobInput.FromPrefix("q/")));

        var refused = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&inventoryTriggerJobId=" + batch.JobId);
        var listed = await emu.SendAsync(HttpMethod.Get, "/jobs?tag=QualityEstimate&queueId=" + batch.QueueId + "&inventoryTriggerJobId=" + batch.JobId);

        Assert.Equal(400, refused.Status);
        Assert.Equal("InvalidArgument", refused.ErrorCode);
        Assert.Equal(200, listed.Status);
    }

    [Fact]
    public async Task RawCreate_NestedBeyondTheDepthLimit_IsMalformed_AndCreatesNothing()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);
        await PutAsync(emu, "deep/a.mp4");
        var deep = string.Concat(Enumerable.Repeat("<X>", 100)) + string.Concat(Enumerable.Repeat("</X>", 100));

        var response = await emu.SendAsync(HttpMethod.Post, "/inventorytriggerjob", $"<Request><Name>deep</Name><Type>Job</Type><Input><Prefix>deep/</Prefix></Input><Operation><Tag>QualityEstimate</Tag></Operation>{deep}</Request>");

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
        Assert.Equal(0, emu.Emulator.BatchCount);
    }

    [Fact]
    public async Task RawCreate_HostileXml_IsMalformed()
    {
        await using var emu = await TestEmulator.StartAsync(Simulated);

        var response = await emu.SendAsync(HttpMethod.Post, "/inventorytriggerjob", "<!DOCTYPE r [<!ENTITY x \"y\">]><Request><Name>&x;</Name></Request>");

        Assert.Equal(400, response.Status);
        Assert.Equal("MalformedXML", response.ErrorCode);
        Assert.Equal(0, emu.Emulator.BatchCount);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static async Task PutAsync(TestEmulator emu, params string[] keys)
    {
        foreach (var key in keys)
        {
            await PutTextAsync(emu, key, "video");
        }
    }

    private static Task PutTextAsync(TestEmulator emu, string key, string text) => PutBytesAsync(emu, key, Encoding.UTF8.GetBytes(text));

    private static async Task PutBytesAsync(TestEmulator emu, string key, byte[] content)
    {
        var response = await emu.SendAsync(HttpMethod.Put, "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString)), configure: request =>
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            request.Content.Headers.ContentLength = content.Length;
        });
        Assert.Equal(200, response.Status);
    }
}
