using System.Security.Cryptography;
using CosQualityEstimate.Emulator.Faults;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Models;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Signing;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Emulator.Tests.Objects;

/// <summary>Our ObjectsClient against the emulator's object API, end to end (loopback, real HTTP, signatures verified).</summary>
public sealed class ObjectsEndToEndTests : IDisposable
{
    private const int MB = 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-objects-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ObjectsClient ClientFor(CosEmulator emulator, TimeProvider time, CosCredential? credential = null, Action<ObjectsClientOptions>? configure = null)
    {
        var options = new ObjectsClientOptions
        {
            Bucket = emulator.Bucket,
            Region = emulator.Region,
            Endpoint = emulator.Endpoint,
            Credential = credential ?? emulator.Credential,
            TimeProvider = time,
            MultipartThreshold = 2 * MB,
            PartSize = MB,
            Retry = new ObjectsRetryOptions { AttemptTimeout = Timeout.InfiniteTimeSpan },
        };
        configure?.Invoke(options);
        return new ObjectsClient(options);
    }

    private static async Task<(CosEmulator Emulator, AutoAdvanceTimeProvider Time)> StartAsync(Action<CosEmulatorOptions>? configure = null)
    {
        var time = new AutoAdvanceTimeProvider(Start);
        var options = new CosEmulatorOptions { TimeProvider = time };
        configure?.Invoke(options);
        return (await CosEmulator.StartAsync(options), time);
    }

    private string CreateFile(string name, int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Stored(CosEmulator emulator, string key)
    {
        using var stream = emulator.OpenObject(key) ?? throw new InvalidOperationException("no object " + key);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string MultipartETag(byte[] content, int partSize)
    {
        using var combined = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var parts = 0;
        for (var offset = 0; offset < content.Length; offset += partSize, parts++)
        {
            combined.AppendData(MD5.HashData(content.AsSpan(offset, Math.Min(partSize, content.Length - offset))));
        }

        return $"\"{Convert.ToHexStringLower(combined.GetHashAndReset())}-{parts}\"";
    }

    [Fact]
    public async Task UploadFile_SmallFile_SinglePutStoresExactBytesWithMd5ETag()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var path = CreateFile("small.mp4", 300_000);
        var reports = new List<UploadProgress>();

        var result = await ClientFor(emulator, time).UploadFileAsync(path, "videos/small.mp4", new UploadFileOptions { ContentType = "video/mp4", Progress = new SyncProgress(reports) });

        var content = await File.ReadAllBytesAsync(path);
        Assert.Equal(content, Stored(emulator, "videos/small.mp4"));
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"", result.ETag);
        Assert.Equal(0, result.PartCount);
        Assert.Equal(content.Length, result.Size);
        Assert.Equal(new UploadProgress(content.Length, content.Length), reports[^1]);
        Assert.Equal(1, emulator.ObjectWriteCount);
    }

    [Fact]
    public async Task UploadFile_AboveThreshold_MultipartInParallelWithCosMultipartETag()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var path = CreateFile("large.mp4", (3 * MB) + 12345);

        var result = await ClientFor(emulator, time, configure: o => o.MaxConcurrency = 3).UploadFileAsync(path, "videos/large.mp4");

        var content = await File.ReadAllBytesAsync(path);
        Assert.Equal(content, Stored(emulator, "videos/large.mp4"));
        Assert.Equal(4, result.PartCount);
        Assert.Equal(MultipartETag(content, MB), result.ETag);
        Assert.Equal(result.ETag, emulator.GetObjectsSnapshot().Single().ETag);
        Assert.Equal(0, emulator.PendingMultipartUploadCount);
    }

    [Fact]
    public async Task UploadFile_InterruptedMultipart_ResumesAndSendsOnlyMissingParts()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var path = CreateFile("resume.mp4", (4 * MB) + 10);
        var interrupted = ClientFor(emulator, time, configure: o => { o.MaxConcurrency = 1; o.Retry.MaxRetries = 0; });
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "PUT"));
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "PUT"));
        emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "PUT")); // part 3 fails, retries exhausted

        var failure = await Assert.ThrowsAsync<CosServiceException>(() => interrupted.UploadFileAsync(path, "videos/resume.mp4"));
        Assert.Equal(503, failure.Status);
        Assert.Equal(1, emulator.PendingMultipartUploadCount);
        Assert.Equal(0, emulator.ObjectCount);

        var result = await ClientFor(emulator, time).UploadFileAsync(path, "videos/resume.mp4");

        Assert.Equal(2, result.ResumedPartCount);
        Assert.Equal(5, result.PartCount);
        Assert.Equal(await File.ReadAllBytesAsync(path), Stored(emulator, "videos/resume.mp4"));
        Assert.Equal(0, emulator.PendingMultipartUploadCount);
    }

    [Fact]
    public async Task UploadFile_UnfinishedUploadOfOtherContent_IsNotReusedForThisFile()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var first = CreateFile("a.mp4", (3 * MB) + 1, seed: 1);
        var client = ClientFor(emulator, time, configure: o => { o.MaxConcurrency = 1; o.Retry.MaxRetries = 0; });
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "PUT"));
        emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "PUT"));
        await Assert.ThrowsAsync<CosServiceException>(() => client.UploadFileAsync(first, "videos/same-key.mp4"));
        Assert.Equal(1, emulator.PendingMultipartUploadCount);
        var second = CreateFile("b.mp4", (3 * MB) + 1, seed: 2);

        var result = await client.UploadFileAsync(second, "videos/same-key.mp4");

        Assert.Equal(0, result.ResumedPartCount);
        Assert.Equal(await File.ReadAllBytesAsync(second), Stored(emulator, "videos/same-key.mp4"));
    }

    [Fact]
    public async Task UploadFile_CompleteAnswerLost_ConfirmsThroughHeadWithoutResending()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var path = CreateFile("lost.mp4", (2 * MB) + 7);
        var client = ClientFor(emulator, time);
        // Initiate is the first POST, Complete the second: drop the answer of the second after it was processed.
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "POST"));
        emulator.Faults.Enqueue(EmulatorFault.DropAfterProcessing("POST"));

        var result = await client.UploadFileAsync(path, "videos/lost.mp4");

        Assert.Equal(MultipartETag(await File.ReadAllBytesAsync(path), MB), result.ETag);
        Assert.Equal(1, emulator.ObjectWriteCount);
        Assert.Equal(0, emulator.Faults.PendingCount);
    }

    [Fact]
    public async Task UploadFile_CompleteNeverArrived_UploadStillOpenSoCompleteIsResent()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var path = CreateFile("resent.mp4", (2 * MB) + 7);
        var client = ClientFor(emulator, time);
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "POST"));
        emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "POST"));

        var result = await client.UploadFileAsync(path, "videos/resent.mp4");

        Assert.Equal(3, result.PartCount);
        Assert.Equal(1, emulator.ObjectWriteCount);
        Assert.Equal(await File.ReadAllBytesAsync(path), Stored(emulator, "videos/resent.mp4"));
    }

    [Fact]
    public async Task UploadFile_PartAttemptDropped_PartIsRetriedAndObjectIsComplete()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var path = CreateFile("retry.mp4", (2 * MB) + 7);
        emulator.Faults.Enqueue(EmulatorFault.DropBeforeProcessing("PUT"));

        var result = await ClientFor(emulator, time).UploadFileAsync(path, "videos/retry.mp4");

        Assert.Equal(await File.ReadAllBytesAsync(path), Stored(emulator, "videos/retry.mp4"));
        Assert.Equal(3, result.PartCount);
        Assert.Equal(1, emulator.Faults.InjectedCount);
    }

    [Fact]
    public async Task GetObjectProperties_StoredAndMissing_ReturnsPropertiesOrNull()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var client = ClientFor(emulator, time);
        var uploaded = await client.UploadFileAsync(CreateFile("h.mp4", 1000), "videos/h.mp4", new UploadFileOptions { ContentType = "video/mp4" });

        var found = await client.GetObjectPropertiesAsync("videos/h.mp4");
        var missing = await client.GetObjectPropertiesAsync("videos/none.mp4");

        Assert.NotNull(found);
        Assert.Equal(1000, found.Size);
        Assert.Equal(uploaded.ETag, found.ETag);
        Assert.Equal("video/mp4", found.ContentType);
        Assert.Equal(Start, found.LastModified);
        Assert.Null(missing);
    }

    [Fact]
    public async Task DeleteObject_StoredAndMissing_RemovesAndSucceeds()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var client = ClientFor(emulator, time);
        await client.UploadFileAsync(CreateFile("d.mp4", 10), "videos/d.mp4");

        await client.DeleteObjectAsync("videos/d.mp4");
        await client.DeleteObjectAsync("videos/never.mp4");

        Assert.Equal(0, emulator.ObjectCount);
        Assert.Null(await client.GetObjectPropertiesAsync("videos/d.mp4"));
    }

    [Fact]
    public async Task ListObjects_PrefixWithSmallPages_FollowsMarkersInKeyOrder()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var client = ClientFor(emulator, time);
        var file = CreateFile("l.mp4", 5);
        string[] keys = ["v/b.mp4", "v/a.mp4", "v/c d+e.mp4", "v/sub/x.mp4", "v/é.mp4", "w/other.mp4"];
        foreach (var key in keys)
        {
            await client.UploadFileAsync(file, key);
        }

        var listed = new List<ObjectItem>();
        await foreach (var item in client.ListObjectsAsync("v/", pageSize: 2))
        {
            listed.Add(item);
        }

        var first = await client.GetObjectsPageAsync("v/", pageSize: 2);
        var second = await client.GetObjectsPageAsync("v/", first.ContinuationToken, pageSize: 2);
        var last = await client.GetObjectsPageAsync("v/", "v/sub/x.mp4", pageSize: 2);

        Assert.Equal(["v/a.mp4", "v/b.mp4", "v/c d+e.mp4", "v/sub/x.mp4", "v/é.mp4"], listed.Select(i => i.Key));
        Assert.All(listed, i => Assert.Equal(5, i.Size));
        Assert.Equal(["v/a.mp4", "v/b.mp4"], first.Items.Select(i => i.Key));
        Assert.Equal("v/b.mp4", first.ContinuationToken);
        Assert.Equal(["v/c d+e.mp4", "v/sub/x.mp4"], second.Items.Select(i => i.Key));
        Assert.Equal(["v/é.mp4"], last.Items.Select(i => i.Key));
        Assert.Null(last.ContinuationToken);
    }

    [Fact]
    public async Task UploadFile_WrongSecretKey_ServiceRefusesWith403()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var client = ClientFor(emulator, time, new CosCredential(emulator.Credential.SecretId, "wrong-secret-key-0000000000000000"));

        var error = await Assert.ThrowsAsync<CosServiceException>(() => client.UploadFileAsync(CreateFile("x.mp4", 10), "videos/x.mp4"));

        Assert.Equal(403, error.Status);
        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(0, emulator.ObjectCount);
    }

    [Fact]
    public async Task UploadFile_BadInput_TypedErrorBeforeAnyRequest()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var client = ClientFor(emulator, time);
        var file = CreateFile("ok.mp4", 10);
        emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError")); // consumed by the first request, if any is sent

        await Assert.ThrowsAsync<FileNotFoundException>(() => client.UploadFileAsync(Path.Combine(_directory, "missing.mp4"), "videos/a.mp4"));
        var directory = await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(_directory, "videos/a.mp4"));
        Assert.Contains("directory", directory.Message);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, "/videos/a.mp4"))).ParamName);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, "videos//a.mp4"))).ParamName);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, "videos/../a.mp4"))).ParamName);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, "videos/"))).ParamName);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, "a\u0001b"))).ParamName);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, new string('é', 426)))).ParamName);
        Assert.Equal("objectKey", (await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, ""))).ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(file, "videos/a.mp4", new UploadFileOptions { ContentType = "not a type" }));

        Assert.Equal(1, emulator.Faults.PendingCount);
        Assert.Equal(0, emulator.ObjectWriteCount);
    }

    [Fact]
    public async Task EstimateFileQuality_SameFileTwice_UploadsOnceAndScoresBoth()
    {
        // The file is random bytes, not a video: analysis off, so the canned (simulated) result is what is compared.
        var (emulator, time) = await StartAsync(o =>
        {
            o.RequireStoredObjects = true;
            o.LocalAnalysis = false;
        });
        await using var _ = emulator;
        var jobs = new JobsClient(TestEmulator.AutoAdvanceClientOptions(emulator, time));
        var path = CreateFile("episode 1.mp4", 40_000);

        var first = await jobs.EstimateFileQualityAsync(path, new FileQualityEstimateOptions { Mode = QualityEstimateMode.VqaPlus });
        var second = await jobs.EstimateFileQualityAsync(path, new FileQualityEstimateOptions { Mode = QualityEstimateMode.VqaPlus });

        Assert.Equal("uploads/episode 1.mp4", first.Job.Input?.ObjectKey);
        Assert.Equal(JobState.Success, second.Job.State);
        Assert.Equal(first.Score, second.Score);
        Assert.Equal(1, emulator.ObjectWriteCount);
        Assert.Equal(2, emulator.SubmittedJobCount);

        await File.WriteAllBytesAsync(path, new byte[40_000]); // same size, new content: uploaded again
        await jobs.EstimateFileQualityAsync(path, new FileQualityEstimateOptions { ObjectKey = "uploads/episode 1.mp4" });
        Assert.Equal(2, emulator.ObjectWriteCount);
    }

    [Fact]
    public async Task EstimateFileQuality_BadInput_TypedErrorAndNoRequestNoJob()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var jobs = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential, TimeProvider = time });
        var file = CreateFile("ok.mp4", 10);
        emulator.Faults.Enqueue(EmulatorFault.Status(500, "InternalError")); // consumed by the first request, if any is sent

        await Assert.ThrowsAsync<FileNotFoundException>(() => jobs.EstimateFileQualityAsync(Path.Combine(_directory, "missing.mp4")));
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.EstimateFileQualityAsync(_directory));
        await Assert.ThrowsAsync<ArgumentException>(() => jobs.EstimateFileQualityAsync(file, new FileQualityEstimateOptions { ObjectKey = "/abs.mp4" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => jobs.EstimateFileQualityAsync(file, new FileQualityEstimateOptions { ConfigureRequest = r => r.Rotate = 45 }));

        Assert.Equal(1, emulator.Faults.PendingCount);
        Assert.Equal(0, emulator.SubmittedJobCount);
        Assert.Equal(0, emulator.ObjectWriteCount);
    }

    [Fact]
    public async Task RequireStoredObjects_JobOnMissingObject_FailsWithInputFileNotExist()
    {
        var (emulator, time) = await StartAsync(o => o.RequireStoredObjects = true);
        await using var _ = emulator;
        var jobs = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential, TimeProvider = time });

        var error = await Assert.ThrowsAsync<JobFailedException>(() => jobs.EstimateQualityAsync(new QualityEstimateJobRequest("input/never-uploaded.mp4")));

        Assert.Equal("InputFileNotExist", error.Job?.Code);
    }

    [Fact]
    public async Task DefaultEmulator_JobOnMissingObject_StillSucceeds()
    {
        var (emulator, time) = await StartAsync();
        await using var _ = emulator;
        var jobs = new JobsClient(new JobsClientOptions { Bucket = emulator.Bucket, Region = emulator.Region, Endpoint = emulator.Endpoint, Credential = emulator.Credential, TimeProvider = time });

        var outcome = await jobs.EstimateQualityAsync(new QualityEstimateJobRequest("input/never-uploaded.mp4"));

        Assert.Equal(JobState.Success, outcome.Job.State);
    }

    /// <summary>An IProgress that records synchronously (Progress&lt;T&gt; posts to the thread pool, which would make assertions racy).</summary>
    private sealed class SyncProgress(List<UploadProgress> reports, Action<UploadProgress>? onReport = null) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }

            onReport?.Invoke(value);
        }
    }
}
