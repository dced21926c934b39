using CosQualityEstimate.Emulator.Faults;
using CosQualityEstimate.Objects;
using CosQualityEstimate.Tests.TestSupport;

namespace CosQualityEstimate.Emulator.Tests.Objects;

/// <summary>
/// An unreadable 200 (truncated XML, the emulator's <see cref="EmulatorFault.MalformedBody"/>) to any idempotent object
/// GET — GET Bucket, List Multipart Uploads, List Parts — is read inside the attempt and retried like a body lost in
/// transit, as the jobs GETs are (issue 13: the shared HTTP layer parses through a delegate and knows no format).
/// </summary>
public sealed class UnreadableObjectAnswerTests : IDisposable
{
    private const int MB = 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("cosqe-unreadable-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ObjectsClient ClientFor(CosEmulator emulator, TimeProvider time, int maxRetries = 3, int concurrency = 4) => new(new ObjectsClientOptions
    {
        Bucket = emulator.Bucket,
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        Credential = emulator.Credential,
        TimeProvider = time,
        MultipartThreshold = 2 * MB,
        PartSize = MB,
        MaxConcurrency = concurrency,
        Retry = new ObjectsRetryOptions { MaxRetries = maxRetries, AttemptTimeout = Timeout.InfiniteTimeSpan },
    });

    private string CreateFile(string name, int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Leaves an unfinished multipart upload of <paramref name="path"/> with parts 1 and 2 stored (part 3 refused).</summary>
    private async Task InterruptAsync(CosEmulator emulator, TimeProvider time, string path, string key)
    {
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "PUT"));
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "PUT"));
        emulator.Faults.Enqueue(EmulatorFault.Status(503, "ServiceUnavailable", methodFilter: "PUT"));
        await Assert.ThrowsAsync<CosServiceException>(() => ClientFor(emulator, time, maxRetries: 0, concurrency: 1).UploadFileAsync(path, key));
        Assert.Equal(1, emulator.PendingMultipartUploadCount);
        Assert.Equal(0, emulator.Faults.PendingCount);
    }

    [Fact]
    public async Task GetBucket_GarbledTwoHundredOnce_IsRetriedAndListsTheObjects()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var client = ClientFor(emulator, time);
        await client.UploadFileAsync(CreateFile("a.mp4", 10), "v/a.mp4");
        emulator.Faults.Enqueue(EmulatorFault.MalformedBody("GET"));

        var page = await client.GetObjectsPageAsync("v/");

        Assert.Equal(["v/a.mp4"], page.Items.Select(i => i.Key));
        Assert.Equal(1, emulator.Faults.InjectedCount);
    }

    [Fact]
    public async Task ListMultipartUploads_GarbledTwoHundredOnce_IsRetriedAndTheUploadResumes()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var path = CreateFile("resume.mp4", (4 * MB) + 10);
        await InterruptAsync(emulator, time, path, "v/resume.mp4");
        emulator.Faults.Enqueue(EmulatorFault.MalformedBody("GET")); // the first GET of the resume: List Multipart Uploads

        var result = await ClientFor(emulator, time).UploadFileAsync(path, "v/resume.mp4");

        Assert.Equal(2, result.ResumedPartCount);
        Assert.Equal(0, emulator.Faults.PendingCount);
        Assert.Equal(0, emulator.PendingMultipartUploadCount);
    }

    [Fact]
    public async Task ListParts_GarbledTwoHundredOnce_IsRetriedAndTheUploadResumes()
    {
        var time = new AutoAdvanceTimeProvider(Start);
        await using var emulator = await CosEmulator.StartAsync(new CosEmulatorOptions { TimeProvider = time });
        var path = CreateFile("resume.mp4", (4 * MB) + 10);
        await InterruptAsync(emulator, time, path, "v/resume.mp4");
        emulator.Faults.Enqueue(EmulatorFault.Delay(TimeSpan.Zero, "GET")); // List Multipart Uploads answers normally
        emulator.Faults.Enqueue(EmulatorFault.MalformedBody("GET")); // the second GET: List Parts

        var result = await ClientFor(emulator, time).UploadFileAsync(path, "v/resume.mp4");

        Assert.Equal(2, result.ResumedPartCount);
        Assert.Equal(0, emulator.Faults.PendingCount);
        Assert.Equal(0, emulator.PendingMultipartUploadCount);
    }
}
